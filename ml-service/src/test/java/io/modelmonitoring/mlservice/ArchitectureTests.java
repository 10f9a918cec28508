package io.modelmonitoring.mlservice;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of ml-service: the performance math touches no framework, database or
 * I/O (only {@code EvaluationStore} reads MongoDB), and the feature packages do not
 * depend on each other in a circle.
 */
@AnalyzeClasses(packages = "io.modelmonitoring.mlservice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String PERFORMANCE = "io.modelmonitoring.mlservice.performance";

	@ArchTest
	static final ArchRule performanceMathDoesNoIo = noClasses().that()
		.resideInAPackage(PERFORMANCE + "..")
		.and(outside("EvaluationStore"))
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "com.mongodb..", "java.io..", "java.nio.file..", "java.net..")
		.because("the Brier and MAE checks are plain math a reader can check against the spec; "
				+ "EvaluationStore alone reads ml_evaluations");

	/**
	 * BSON types too stay out of the math: only the store and the reading of its raw
	 * documents ({@code EvaluationDocuments}) see them.
	 */
	@ArchTest
	static final ArchRule performanceMathSeesNoBson = noClasses().that()
		.resideInAPackage(PERFORMANCE + "..")
		.and(outside("EvaluationStore", "EvaluationDocuments"))
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.bson..")
		.because("the documents of ml_evaluations are read by the store, not by the checks");

	@ArchTest
	static final ArchRule featurePackagesAreFreeOfCycles = slices().matching("io.modelmonitoring.mlservice.(*)..")
		.should()
		.beFreeOfCycles();

	/**
	 * The classes of the performance package other than the named ones and their nested
	 * classes.
	 */
	private static DescribedPredicate<JavaClass> outside(String... simpleNames) {
		return DescribedPredicate.describe("other than " + String.join(", ", simpleNames), (type) -> {
			for (String name : simpleNames) {
				String top = PERFORMANCE + "." + name;
				if (type.getName().equals(top) || type.getName().startsWith(top + "$")) {
					return false;
				}
			}
			return true;
		});
	}

}
