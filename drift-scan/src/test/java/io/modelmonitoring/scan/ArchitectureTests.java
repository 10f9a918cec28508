package io.modelmonitoring.scan;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The scan's package rules: PSI, its binning, the drift decision and the value types are
 * pure math a reader can check against the spec, so they touch no file, stream, socket or
 * log format; reading the lake is {@code lake}'s alone. And the library stays a plain
 * jar, usable without Spring or an Azure SDK.
 */
@AnalyzeClasses(packages = "io.modelmonitoring.scan", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	/**
	 * Java serialization is no I/O of theirs: the state of a scan travels between the
	 * machines of a cluster, which serialize it.
	 */
	private static final DescribedPredicate<JavaClass> SERIALIZATION = belongToAnyOf(Serializable.class,
			ObjectInputStream.class, ObjectOutputStream.class, IOException.class);

	@ArchTest
	static final ArchRule driftAndModelDoNoIo = noClasses().that()
		.resideInAnyPackage("..scan.drift..", "..scan.binning..", "..scan.model..")
		.should()
		.dependOnClassesThat(resideInAnyPackage("org.springframework..", "java.io..", "java.nio.file..", "java.net..",
				"tools.jackson..", "com.fasterxml.jackson..", "org.apache.parquet..", "org.apache.hadoop..")
			.and(not(SERIALIZATION)))
		.because("PSI and the drift decision are pure math over samples; the lake package reads them");

	@ArchTest
	static final ArchRule theLibraryNeedsNoSpringAndNoAzure = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "com.azure..")
		.because("ml-service and the benchmarks both use the scan; Spring and the blob source are ml-service's");

}
