package io.modelmonitoring.mlservice.drift;

import io.modelmonitoring.mlservice.lake.ModelKey;

/**
 * The drift verdict for one model: {@code psi} is null when a window held too few
 * predictions, in which case the model was skipped rather than checked.
 */
public record DriftCheck(ModelKey model, int baselineCount, int currentCount, PsiResult psi, boolean drift) {

	public boolean skipped() {
		return this.psi == null;
	}

}
