package io.modelmonitoring.scan.drift;

import io.modelmonitoring.scan.model.ModelKey;

/**
 * The drift verdict for one model: {@code psi} is null when a window held too few
 * predictions, in which case the model was skipped rather than checked.
 */
public record DriftCheck(ModelKey model, int baselineCount, int currentCount, PsiResult psi, boolean drift) {

	public boolean skipped() {
		return this.psi == null;
	}

}
