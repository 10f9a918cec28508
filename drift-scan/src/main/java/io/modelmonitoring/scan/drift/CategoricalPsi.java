package io.modelmonitoring.scan.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The population stability index of a categorical feature (strings; booleans as the
 * categories "true" and "false"): the bins are the baseline's most frequent
 * {@code maxCategories} categories, by count descending then category ascending, and one
 * last bin, "other", for every other category, those seen only in the current window
 * included. Shares, PSI and the noise floor are SPEC §6's steps 3 to 5 over these K bins.
 * <p>
 * The p-value: the χ² tail of PSI·n·m/(n+m), with one degree of freedom less than the
 * bins that hold a value, where it is calibrated: both windows of
 * {@value DriftPValue#ASYMPTOTIC_MIN_SAMPLES} values or more and no more categories than
 * bins, so that no category is chosen over another. Otherwise a
 * {@link CategoricalPermutationTest}, exact at any size: the χ² tail is too conservative
 * on small windows, and where the baseline's top categories are picked among more, they
 * are the ones the baseline happened to over-count, which inflates PSI far beyond the χ²
 * law at any size. Pure: no Spring, no I/O.
 */
public final class CategoricalPsi {

	/** The default of {@code maxCategories}. */
	public static final int DEFAULT_MAX_CATEGORIES = 20;

	private CategoricalPsi() {
	}

	/**
	 * @param counts both windows' category counts, each window holding at least one value
	 * @param maxCategories the most top categories that get a bin of their own, at least
	 * 1
	 * @param smoothing the additive smoothing, greater than zero
	 */
	public static CategoricalPsiResult compute(CategoryCounts counts, int maxCategories, double smoothing) {
		if (counts.baselineCount() == 0 || counts.currentCount() == 0) {
			throw new IllegalArgumentException("PSI needs at least one value in each window");
		}
		if (counts.baselineCount() > Integer.MAX_VALUE || counts.currentCount() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("PSI counts at most " + Integer.MAX_VALUE + " values a window");
		}
		if (maxCategories < 1) {
			throw new IllegalArgumentException("categorical PSI needs at least 1 top category, got " + maxCategories);
		}
		if (!(smoothing > 0) || Double.isInfinite(smoothing)) {
			throw new IllegalArgumentException("PSI smoothing must be a positive number, got " + smoothing);
		}
		int n = (int) counts.baselineCount();
		int m = (int) counts.currentCount();
		CategoryTable table = CategoryTable.of(counts);
		int[] top = CategoryTable.top(table.baseline, table.names.length, maxCategories);
		long[] baselineBins = CategoryTable.binCounts(table.baseline, top, n);
		long[] currentBins = CategoryTable.binCounts(table.current, top, m);
		double psi = Psi.value(baselineBins, currentBins, n, m, smoothing);
		int binCount = top.length + 1;
		double noiseFloor = (binCount - 1) * (1.0 / n + 1.0 / m);
		double pValue = pValue(table, psi, baselineBins, currentBins, maxCategories, smoothing);
		List<String> categories = new ArrayList<>(top.length);
		for (int index : top) {
			categories.add(table.names[index]);
		}
		return new CategoricalPsiResult(new PsiResult(psi, pValue, noiseFloor, List.of(),
				histogram(baselineBins, currentBins, n, m, smoothing), n, m), categories);
	}

	private static double pValue(CategoryTable table, double psi, long[] baselineBins, long[] currentBins,
			int maxCategories, double smoothing) {
		int n = (int) (table.untrackedBaseline + Arrays.stream(table.baseline).sum());
		int m = (int) (table.untrackedCurrent + Arrays.stream(table.current).sum());
		if (Math.min(n, m) >= DriftPValue.ASYMPTOTIC_MIN_SAMPLES && table.distinct() <= maxCategories) {
			int filled = 0;
			for (int i = 0; i < baselineBins.length; i++) {
				filled += (baselineBins[i] + currentBins[i] > 0) ? 1 : 0;
			}
			// One category in both windows: nothing can differ.
			return (filled < 2) ? 1.0 : DriftPValue.chiSquareTail(psi, filled, n, m);
		}
		return CategoricalPermutationTest.pValue(table, maxCategories, smoothing);
	}

	private static List<PsiBin> histogram(long[] baselineBins, long[] currentBins, int n, int m, double smoothing) {
		int binCount = baselineBins.length;
		List<PsiBin> bins = new ArrayList<>(binCount);
		for (int i = 0; i < binCount; i++) {
			double pb = Psi.share(baselineBins[i], n, smoothing, binCount);
			double pc = Psi.share(currentBins[i], m, smoothing, binCount);
			bins.add(new PsiBin(null, null, baselineBins[i], currentBins[i], (double) baselineBins[i] / n,
					(double) currentBins[i] / m, Psi.term(pb, pc)));
		}
		return bins;
	}

}
