package io.modelmonitoring.mlservice.runs;

import java.time.Duration;

import io.modelmonitoring.contracts.RunTimings;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How runs are kept apart and made idempotent ({@code model_monitoring.runs.*}). The
 * lease's and the wait's defaults are the contract's ({@link RunTimings}): the worker's
 * retries are set to outlast them.
 *
 * @param leaseDuration how long a run's tenant leases and its "running" state last
 * without renewal; a live run renews them every third of it, so a run of a crashed
 * instance stops blocking its tenants and its idempotency key after at most this long
 * @param idempotentWait how long a request repeating the key of a run still in progress
 * waits for that run's answer before a 409 with Retry-After
 * @param pauseBeforeEvents a pause after the checks and before the events are recorded;
 * for fault tests only, which need a run to be "in the middle"; keep it 0 in production
 */
@Validated
@ConfigurationProperties("model-monitoring.runs")
public record RunProperties(@DefaultValue(RunTimings.LEASE_DURATION) @NotNull Duration leaseDuration,
		@DefaultValue(RunTimings.IDEMPOTENT_WAIT) @NotNull Duration idempotentWait,
		@DefaultValue("0s") @NotNull Duration pauseBeforeEvents) {

	Duration heartbeatInterval() {
		return this.leaseDuration.dividedBy(3);
	}

}
