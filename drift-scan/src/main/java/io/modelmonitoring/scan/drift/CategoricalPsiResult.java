package io.modelmonitoring.scan.drift;

import java.util.List;

/** TEMPORARY stand-in. */
public record CategoricalPsiResult(PsiResult psi, List<String> categories) {
}
