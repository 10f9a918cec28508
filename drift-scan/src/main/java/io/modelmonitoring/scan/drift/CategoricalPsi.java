package io.modelmonitoring.scan.drift;

import java.util.List;

/** TEMPORARY stand-in. */
public final class CategoricalPsi {

	private CategoricalPsi() {
	}

	public static CategoricalPsiResult compute(CategoryCounts counts, int maxCategories, double smoothing) {
		return new CategoricalPsiResult(
				new PsiResult(0, 1, 0, List.of(), List.of(), (int) counts.baselineCount(), (int) counts.currentCount()),
				List.of());
	}

}
