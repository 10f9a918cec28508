package io.modelmonitoring.mlservice.runs;

import java.time.Duration;
import java.util.Map;

import io.modelmonitoring.contracts.RunTimings;
import io.modelmonitoring.testsupport.ShippedConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run timings as the shipped application.yml gives them: the contract's
 * ({@link RunTimings}), which risk-analytics' shipped retries are checked against
 * ({@code RetryBudgetTests} there), and the documented variables set them.
 */
class RunPropertiesTests {

	@Test
	void theShippedLeaseAndIdempotentWaitAreTheContractsTimings() {
		RunProperties runs = bind(Map.of());
		assertThat(runs.leaseDuration()).isEqualTo(DurationStyle.detectAndParse(RunTimings.LEASE_DURATION))
			.isEqualTo(Duration.ofMinutes(2));
		assertThat(runs.idempotentWait()).isEqualTo(DurationStyle.detectAndParse(RunTimings.IDEMPOTENT_WAIT))
			.isEqualTo(Duration.ofSeconds(60));
		assertThat(runs.heartbeatInterval()).isEqualTo(Duration.ofSeconds(40));
		assertThat(runs.pauseBeforeEvents()).isZero();
	}

	@Test
	void theDocumentedEnvironmentVariablesSetTheTimings() {
		RunProperties runs = bind(
				Map.of("MODEL_MONITORING_RUNS_LEASE_DURATION", "90s", "MODEL_MONITORING_RUNS_IDEMPOTENT_WAIT", "30s"));
		assertThat(runs.leaseDuration()).isEqualTo(Duration.ofSeconds(90));
		assertThat(runs.idempotentWait()).isEqualTo(Duration.ofSeconds(30));
	}

	private static RunProperties bind(Map<String, Object> environmentVariables) {
		return ShippedConfiguration.bind("model-monitoring.runs", RunProperties.class, environmentVariables, Map.of());
	}

}
