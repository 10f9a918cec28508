package io.modelmonitoring.mlservice.runs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.modelmonitoring.contracts.DriftDetected.Window;
import io.modelmonitoring.contracts.HistogramBin;
import io.modelmonitoring.contracts.Lifecycle;

/**
 * The answer to a monitoring run: what was checked, what was found, what was published.
 * {@code eventsPublished} counts the events the broker confirmed; {@code eventsPending}
 * the ones kept in the outbox for the relay to publish once the broker is back.
 *
 * @param dryRun the run was asked to publish nothing and change no alert
 * @param backfill the run's asOf is older than the newest completed run of its tenants:
 * it changed no alert, and published only if asked
 * @param unknownTenants tenants asked for that have neither an evaluation before asOf nor
 * a prediction in either window: most often a typo
 * @param volumeDropped models whose current window holds too few predictions
 * @param evaluationsStale models whose newest usable evaluation is too old
 * @param findingsResolved alerts this run ended
 */
public record MonitoringRunResponse(String runId, Instant asOf, boolean dryRun, boolean backfill, int tenants,
		List<String> unknownTenants, int performanceChecked, int performanceDegraded, int driftChecked,
		int driftDetected, int driftSkipped, String driftSkippedReason, int volumeDropped, int evaluationsStale,
		int findingsResolved, int invalidEvaluations, long invalidRecords, int eventsPublished, int eventsPending,
		long durationMs, @JsonInclude(JsonInclude.Include.NON_NULL) List<ModelResult> results) {

	/** The same answer with other model results: a run is stored apart from them. */
	public MonitoringRunResponse withResults(List<ModelResult> results) {
		return new MonitoringRunResponse(this.runId, this.asOf, this.dryRun, this.backfill, this.tenants,
				this.unknownTenants, this.performanceChecked, this.performanceDegraded, this.driftChecked,
				this.driftDetected, this.driftSkipped, this.driftSkippedReason, this.volumeDropped,
				this.evaluationsStale, this.findingsResolved, this.invalidEvaluations, this.invalidRecords,
				this.eventsPublished, this.eventsPending, this.durationMs, results);
	}

	/**
	 * One model of one tenant. Fields are null where that check did not run: no PSI,
	 * noise floor or bins when the model had too few predictions or no logs, no value of
	 * a metric (one field per metric, by its key: {@code brier}, {@code mae}) when no
	 * evaluation recorded one.
	 *
	 * @param bins K, the number of bins of the PSI
	 * @param edges the K − 1 bin edges, ascending
	 * @param histogram the K bins: counts, shares and each bin's term of PSI
	 * @param baselineWindow the window the baseline counts come from
	 * @param currentWindow the window the current counts come from
	 * @param evaluations per metric key, the evaluation its value comes from
	 * @param volumeDropped whether the current window is too thin; null when the baseline
	 * is too small to tell
	 * @param evaluationStale whether the newest usable evaluation is too old; null
	 * without one
	 */
	@JsonPropertyOrder({ "tenantId", "modelId", "psi", "pValue", "noiseFloor", "baselineCount", "currentCount" })
	public record ModelResult(String tenantId, String modelId, Double psi, Double pValue, Double noiseFloor,
			Integer baselineCount, Integer currentCount, @JsonAnySetter @JsonAnyGetter Map<String, Double> metrics,
			boolean drift, List<String> degraded, Integer bins, List<Double> edges, List<HistogramBin> histogram,
			Window baselineWindow, Window currentWindow, Map<String, EvaluationSource> evaluations,
			Boolean volumeDropped, Boolean evaluationStale, Map<String, Lifecycle> alerts) {

		public boolean flagged() {
			return this.drift || !this.degraded.isEmpty() || Boolean.TRUE.equals(this.volumeDropped)
					|| Boolean.TRUE.equals(this.evaluationStale);
		}

	}

	/**
	 * The evaluation a metric's value was read from.
	 *
	 * @param evaluatedAt its {@code createdAt}
	 * @param modelVersion its {@code modelVersion}; null when it has none
	 */
	public record EvaluationSource(String evaluationId, Instant evaluatedAt, String modelVersion) {
	}

}
