package io.modelmonitoring.mlservice.runs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The answer to a monitoring run: what was checked, what was found, what was published.
 * {@code eventsPublished} counts the events the broker confirmed; {@code eventsPending}
 * the ones kept in the outbox for the relay to publish once the broker is back.
 */
public record MonitoringRunResponse(String runId, Instant asOf, int tenants, int performanceChecked,
		int performanceDegraded, int driftChecked, int driftDetected, int driftSkipped, String driftSkippedReason,
		int invalidEvaluations, long invalidRecords, int eventsPublished, int eventsPending, long durationMs,
		List<ModelResult> results) {

	/**
	 * One model of one tenant. Fields are null where that check did not run: no PSI when
	 * the model had too few predictions or no logs, no value of a metric (one field per
	 * metric, by its key: {@code brier}, {@code mae}) when no evaluation recorded one.
	 */
	@JsonPropertyOrder({ "tenantId", "modelId", "psi", "pValue", "baselineCount", "currentCount" })
	public record ModelResult(String tenantId, String modelId, Double psi, Double pValue, Integer baselineCount,
			Integer currentCount, @JsonAnySetter @JsonAnyGetter Map<String, Double> metrics, boolean drift,
			List<String> degraded) {

	}

}
