package io.modelmonitoring.scan.drift;

import java.util.Locale;

/**
 * How PSI drift is judged.
 *
 * @param minSamples the fewest valid predictions each window needs for a PSI
 * @param bins the number of quantile bins to aim for
 * @param smoothing the additive smoothing of bin shares
 * @param threshold drift when PSI is strictly above it
 * @param maxPValue when set, drift also needs a p-value strictly below it, after the
 * Benjamini–Hochberg adjustment over the model's checks
 * @param maxCategories the bins of a feature of categories: its most frequent categories
 * in the baseline, plus one for all others
 */
public record DriftSettings(int minSamples, int bins, double smoothing, double threshold, Double maxPValue,
		int maxCategories) {

	/** The categories a feature of categories is binned by unless configured. */
	public static final int DEFAULT_MAX_CATEGORIES = 20;

	public DriftSettings(int minSamples, int bins, double smoothing, double threshold, Double maxPValue) {
		this(minSamples, bins, smoothing, threshold, maxPValue, DEFAULT_MAX_CATEGORIES);
	}

	/** The rule in force, in one line, for the log at start-up. */
	public String describe() {
		String rule = (this.maxPValue != null)
				? String.format(Locale.ROOT, "PSI > %s and p-value < %s", this.threshold, this.maxPValue) : String
					.format(Locale.ROOT, "PSI > %s alone (no p-value gate: psi_max_p_value is empty)", this.threshold);
		return String.format(Locale.ROOT,
				"Drift rule: %s; both windows need %d values; %d quantile bins, smoothing %s; p-value by a"
						+ " permutation test of PSI and Anderson-Darling below %d values a window, the chi-square"
						+ " tail of PSI from there, adjusted by Benjamini-Hochberg over each model's checks"
						+ " (predictions, segments, features)",
				rule, this.minSamples, this.bins, this.smoothing, DriftPValue.ASYMPTOTIC_MIN_SAMPLES);
	}

}
