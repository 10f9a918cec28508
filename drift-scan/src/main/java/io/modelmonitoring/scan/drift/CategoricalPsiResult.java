package io.modelmonitoring.scan.drift;

import java.util.List;

/**
 * One categorical PSI comparison.
 *
 * @param psi the comparison, with no edges and a histogram of K bins whose lower and
 * upper are null: bin i &lt; K − 1 holds {@code categories.get(i)}, the last bin every
 * other category
 * @param categories the K − 1 top categories of the baseline, in bin order ("other", the
 * last bin, is not listed)
 */
public record CategoricalPsiResult(PsiResult psi, List<String> categories) {

	public CategoricalPsiResult {
		categories = List.copyOf(categories);
	}

}
