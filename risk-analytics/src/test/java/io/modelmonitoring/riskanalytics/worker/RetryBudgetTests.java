package io.modelmonitoring.riskanalytics.worker;

import java.time.Duration;
import java.util.Map;

import io.modelmonitoring.contracts.RunTimings;
import io.modelmonitoring.testsupport.ShippedConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's retries as the shipped application.yml gives them, against ml-service's
 * run timings ({@link RunTimings}, which ml-service's shipped configuration is checked to
 * keep: {@code RunPropertiesTests} there). An ml-service killed mid-run leaves the run
 * leased for up to {@code lease_duration} after its last renewal; a repeat of its key
 * that comes before then waits up to {@code idempotent_wait} and gets a 409. The retries
 * must outlast both, or the trigger fails with the run still {@code running}: the fault
 * drill's ml-service was back after 24 s, and the three attempts of 10 s and 20 s (one of
 * them waiting 60 s) were over before the 2-minute lease let the run be taken over.
 */
class RetryBudgetTests {

	static final Duration LEASE = DurationStyle.detectAndParse(RunTimings.LEASE_DURATION);

	static final Duration IDEMPOTENT_WAIT = DurationStyle.detectAndParse(RunTimings.IDEMPOTENT_WAIT);

	@Test
	void theShippedRetriesOutlastACrashedRunsLeaseAndTheIdempotentWait() {
		RetryProperties retry = bind(Map.of());

		// 10 + 20 + 40 + 80 + 160 s, between six attempts.
		assertThat(retry.maxAttempts()).isEqualTo(6);
		assertThat(retry.totalDelay()).isEqualTo(Duration.ofSeconds(310));
		assertThat(retry.totalDelay())
			.as("the worker's retries against ml-service's lease %s plus its wait %s", LEASE, IDEMPOTENT_WAIT)
			.isGreaterThan(LEASE.plus(IDEMPOTENT_WAIT));
	}

	@Test
	void theDrillsThreeAttemptsWaitedTooLittle() {
		RetryProperties retry = bind(Map.of("BATCH_JOBS_RETRY_MAX_ATTEMPTS", "3"));

		assertThat(retry.totalDelay()).isEqualTo(Duration.ofSeconds(30)).isLessThan(LEASE.plus(IDEMPOTENT_WAIT));
	}

	@Test
	void theDelaysStopGrowingAtTheMaximum() {
		RetryProperties retry = bind(Map.of("BATCH_JOBS_RETRY_MAX_ATTEMPTS", "5", "BATCH_JOBS_RETRY_INITIAL_DELAY",
				"1m", "BATCH_JOBS_RETRY_MULTIPLIER", "3", "BATCH_JOBS_RETRY_MAX_DELAY", "2m"));

		// 1 + 2 + 2 + 2 minutes: 3 and 9 are capped at 2.
		assertThat(retry.totalDelay()).isEqualTo(Duration.ofMinutes(7));
	}

	private static RetryProperties bind(Map<String, Object> environmentVariables) {
		return ShippedConfiguration.bind("batch-jobs.retry", RetryProperties.class, environmentVariables, Map.of());
	}

}
