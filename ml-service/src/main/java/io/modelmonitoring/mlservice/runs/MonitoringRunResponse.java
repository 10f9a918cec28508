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
 * @param signals the checks of segments and input features, counted apart from the
 * whole-model counts above
 */
public record MonitoringRunResponse(String runId, Instant asOf, boolean dryRun, boolean backfill, int tenants,
		List<String> unknownTenants, int performanceChecked, int performanceDegraded, int driftChecked,
		int driftDetected, int driftSkipped, String driftSkippedReason, int volumeDropped, int evaluationsStale,
		int findingsResolved, int invalidEvaluations, long invalidRecords, int eventsPublished, int eventsPending,
		long durationMs, SignalCounts signals, @JsonInclude(JsonInclude.Include.NON_NULL) List<ModelResult> results) {

	/** The same answer with other model results: a run is stored apart from them. */
	public MonitoringRunResponse withResults(List<ModelResult> results) {
		return new MonitoringRunResponse(this.runId, this.asOf, this.dryRun, this.backfill, this.tenants,
				this.unknownTenants, this.performanceChecked, this.performanceDegraded, this.driftChecked,
				this.driftDetected, this.driftSkipped, this.driftSkippedReason, this.volumeDropped,
				this.evaluationsStale, this.findingsResolved, this.invalidEvaluations, this.invalidRecords,
				this.eventsPublished, this.eventsPending, this.durationMs, this.signals, results);
	}

	/**
	 * The segment and feature checks of a run.
	 *
	 * @param segmentsChecked segment PSIs computed
	 * @param segmentsDrifted of those, the drifted
	 * @param segmentsSkipped segments with too few predictions in a window for a PSI
	 * @param segmentMetricsChecked per-segment Brier and MAE values checked
	 * @param segmentMetricsDegraded of those, the ones above their threshold
	 * @param featuresChecked feature PSIs computed
	 * @param featuresDrifted of those, the drifted
	 * @param featuresSkipped features with too few values in a window for a PSI
	 */
	public record SignalCounts(int segmentsChecked, int segmentsDrifted, int segmentsSkipped, int segmentMetricsChecked,
			int segmentMetricsDegraded, int featuresChecked, int featuresDrifted, int featuresSkipped) {

		public static final SignalCounts NONE = new SignalCounts(0, 0, 0, 0, 0, 0, 0, 0);

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
	 * @param adjustedPValue the whole model's p-value after the Benjamini–Hochberg
	 * adjustment over all its checks: what the gate compared
	 * @param segments per segment ({@code dimension=value}, sorted): the PSI of its
	 * predictions and its metrics from evaluations
	 * @param features per input feature: its PSI
	 * @param ignoredSegmentValues records whose segment value was not checked (too long,
	 * or beyond the values kept per dimension)
	 * @param ignoredFeatures feature names beyond the most checked per model
	 */
	@JsonPropertyOrder({ "tenantId", "modelId", "psi", "pValue", "noiseFloor", "baselineCount", "currentCount" })
	public record ModelResult(String tenantId, String modelId, Double psi, Double pValue, Double noiseFloor,
			Integer baselineCount, Integer currentCount, @JsonAnySetter @JsonAnyGetter Map<String, Double> metrics,
			boolean drift, List<String> degraded, Integer bins, List<Double> edges, List<HistogramBin> histogram,
			Window baselineWindow, Window currentWindow, Map<String, EvaluationSource> evaluations,
			Boolean volumeDropped, Boolean evaluationStale, Map<String, Lifecycle> alerts, Double adjustedPValue,
			List<SignalResult> segments, List<SignalResult> features, Long ignoredSegmentValues,
			Integer ignoredFeatures) {

		public ModelResult {
			segments = (segments != null) ? segments : List.of();
			features = (features != null) ? features : List.of();
		}

		public boolean flagged() {
			return this.drift || !this.degraded.isEmpty() || Boolean.TRUE.equals(this.volumeDropped)
					|| Boolean.TRUE.equals(this.evaluationStale)
					|| this.segments.stream().anyMatch(SignalResult::flagged)
					|| this.features.stream().anyMatch(SignalResult::flagged);
		}

	}

	/**
	 * One segment or one input feature of a model. PSI fields are null where its windows
	 * held too few values (then only the counts say why); a segment's metrics are those
	 * of the newest evaluation that carried the segment with enough records.
	 *
	 * @param segment {@code dimension=value}; null for a feature
	 * @param feature the input feature; {@code prediction} for a segment
	 * @param kind {@code numeric}, or {@code categorical} for strings and booleans (whose
	 * bins carry a category each)
	 * @param metrics per metric key, the segment's value (segments only)
	 * @param degraded the metric keys above their threshold
	 * @param alerts per firing metric, its alert
	 */
	@JsonPropertyOrder({ "segment", "feature", "kind", "psi", "pValue", "adjustedPValue", "noiseFloor", "baselineCount",
			"currentCount", "drift" })
	public record SignalResult(String segment, String feature, String kind, Double psi, Double pValue,
			Double adjustedPValue, Double noiseFloor, Integer baselineCount, Integer currentCount, boolean drift,
			Integer bins, List<Double> edges, List<HistogramBin> histogram, Map<String, Double> metrics,
			List<String> degraded, Map<String, Lifecycle> alerts) {

		public SignalResult {
			degraded = (degraded != null) ? degraded : List.of();
		}

		public boolean flagged() {
			return this.drift || !this.degraded.isEmpty();
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
