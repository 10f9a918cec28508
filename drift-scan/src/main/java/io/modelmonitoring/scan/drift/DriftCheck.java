package io.modelmonitoring.scan.drift;

import java.util.List;

import io.modelmonitoring.scan.model.ModelKey;

/**
 * One drift verdict of a model: of its predictions as a whole, of its predictions in one
 * segment, or of one input feature. {@code psi} is null when a window held too few
 * values, in which case the check was skipped rather than made.
 *
 * @param segment {@code dimension=value}, or null for the whole model
 * @param feature {@link #PREDICTION}, or the name of an input feature
 * @param psi the comparison, null when skipped
 * @param categories for a feature of categories, its bins' categories (the last bin,
 * "other", not listed); null for numbers
 * @param adjustedPValue the p-value after the Benjamini–Hochberg adjustment over all the
 * model's checks, null when skipped
 * @param drift PSI over the threshold and (when the gate is on) the adjusted p-value
 * under it
 */
public record DriftCheck(ModelKey model, String segment, String feature, int baselineCount, int currentCount,
		PsiResult psi, List<String> categories, Double adjustedPValue, boolean drift) {

	/** The feature of a check on the model's predictions. */
	public static final String PREDICTION = "prediction";

	public DriftCheck {
		categories = (categories != null) ? List.copyOf(categories) : null;
	}

	public boolean skipped() {
		return this.psi == null;
	}

	/** Whether the check is of the model's predictions as a whole. */
	public boolean wholeModel() {
		return this.segment == null && PREDICTION.equals(this.feature);
	}

	public boolean categorical() {
		return this.categories != null;
	}

	DriftCheck judged(Double adjusted, boolean drift) {
		return new DriftCheck(this.model, this.segment, this.feature, this.baselineCount, this.currentCount, this.psi,
				this.categories, adjusted, drift);
	}

}
