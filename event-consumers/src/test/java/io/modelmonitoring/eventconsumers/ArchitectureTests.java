package io.modelmonitoring.eventconsumers;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of event-consumers: the two consumers (audit, alerting) share only
 * the messaging package, and the mapping of an event to an alert is plain code a reader
 * can check against the runbook.
 */
@AnalyzeClasses(packages = "io.modelmonitoring.eventconsumers", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule featurePackagesAreFreeOfCycles = slices().matching("io.modelmonitoring.eventconsumers.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule theConsumersDoNotUseEachOther = noClasses().that()
		.resideInAPackage("..audit..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("..alerting..")
		.because("an audit write must never wait on Alertmanager, nor an alert on the audit trail");

	@ArchTest
	static final ArchRule theAlertMappingDoesNoIo = noClasses().that()
		.haveSimpleName("AlertMapper")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "java.net.http..", "java.io..", "java.nio.file..")
		.because("which alert an event becomes is plain code, tested field by field");

}
