package io.modelmonitoring.orchestrator.schedule;

import java.time.Duration;
import java.util.Map;

import io.modelmonitoring.testsupport.ShippedConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The shipped application.yml bound as the application binds it, with an environment of
 * the test's choosing: the runbook's variable names override the defaults.
 */
class BatchJobsPropertiesTests {

	@Test
	void defaultsAreSundayAtSixUtc() {
		BatchJobsProperties properties = bind(Map.of(), Map.of());
		assertThat(properties.modelMonitoringCron()).isEqualTo("0 6 * * 0");
		assertThat(properties.timezone()).isEqualTo("UTC");
		assertThat(properties.lock().atMostFor()).isEqualTo(Duration.ofMinutes(30));
		assertThat(properties.lock().atLeastFor()).isEqualTo(Duration.ofMinutes(5));
		assertThat(properties.misfireGrace()).isEqualTo(Duration.ofHours(6));
		assertThat(properties.misfireRetryInterval()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.jobs()).singleElement().satisfies((job) -> {
			assertThat(job.name()).isEqualTo("model-monitoring");
			assertThat(job.schedule().normalized()).isEqualTo("0 0 6 * * 0");
		});
	}

	@Test
	void theRunbooksEnvironmentVariablesOverrideTheDefaults() {
		BatchJobsProperties properties = bind(Map.of("MODEL_MONITORING_CRON", "30 2 * * 1-5", "BATCH_JOBS_TIMEZONE",
				"Europe/Berlin", "BATCH_JOBS_LOCK_AT_LEAST_FOR", "30s"), Map.of());
		assertThat(properties.jobs()).singleElement().satisfies((job) -> {
			assertThat(job.schedule().configured()).isEqualTo("30 2 * * 1-5");
			assertThat(job.schedule().normalized()).isEqualTo("0 30 2 * * 1-5");
			assertThat(job.schedule().zone().getId()).isEqualTo("Europe/Berlin");
		});
		assertThat(properties.lock().atLeastFor()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void theMisfireKeysAreSetByTheirEnvironmentVariables() {
		BatchJobsProperties properties = bind(
				Map.of("BATCH_JOBS_MISFIRE_GRACE", "0s", "BATCH_JOBS_MISFIRE_RETRY_INTERVAL", "2m"), Map.of());
		assertThat(properties.misfireGrace()).isZero();
		assertThat(properties.misfireRetryInterval()).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void aNegativeMisfireGraceIsRefusedNamingTheKey() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("BATCH_JOBS_MISFIRE_GRACE", "-1h"), Map.of()))
			.havingRootCause()
			.withMessage("batch_jobs.misfire_grace must not be negative, not PT-1H");
	}

	@Test
	void theKeyItselfOverridesTheEnvironmentVariableDefault() {
		BatchJobsProperties properties = bind(Map.of(), Map.of("batch_jobs.model_monitoring_cron", "0 0 7 * * SAT"));
		assertThat(properties.modelMonitoringCron()).isEqualTo("0 0 7 * * SAT");
	}

	@Test
	void anInvalidCronFromTheEnvironmentFailsNamingKeyAndValue() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("MODEL_MONITORING_CRON", "0 25 * * *"), Map.of()))
			.havingRootCause()
			.withMessageStartingWith("batch_jobs.model_monitoring_cron: '0 25 * * *' is not a valid cron expression");
	}

	@Test
	void anInvalidZoneFromTheEnvironmentFailsNamingKeyAndValue() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("BATCH_JOBS_TIMEZONE", "Mars/Olympus"), Map.of()))
			.havingRootCause()
			.withMessageStartingWith("batch_jobs.timezone: 'Mars/Olympus' is not a time zone ID");
	}

	@Test
	void aLockHeldLongerAtLeastThanAtMostIsRefused() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("BATCH_JOBS_LOCK_AT_LEAST_FOR", "1h"), Map.of()))
			.havingRootCause()
			.withMessageContaining("batch_jobs.lock.at_least_for (PT1H)")
			.withMessageContaining("batch_jobs.lock.at_most_for (PT30M)");
	}

	private static BatchJobsProperties bind(Map<String, Object> environmentVariables, Map<String, Object> properties) {
		return ShippedConfiguration.bind("batch-jobs", BatchJobsProperties.class, environmentVariables, properties);
	}

}
