package io.modelmonitoring.mlservice.performance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One evaluation document of {@code ml_evaluations}, read leniently by
 * {@link EvaluationDocuments}: each metric is taken from the first of its fields that is
 * present ({@code brier}, then {@code metrics.brier}, then {@code metrics.Brier};
 * likewise for MAE) and kept only when it holds a usable value.
 *
 * @param id the document's {@code _id} as text
 * @param modelId null when the document names no model
 * @param modelVersion the document's {@code modelVersion} as text, null when it has none
 * @param evaluatedAt {@code createdAt}, or null when it is not a date
 * @param values the usable metric values
 * @param segments the usable per-segment metrics the document carries, in its order
 * @param valid false when the document has no model, no date (it cannot be placed before
 * a run's asOf), a present metric without a usable value, or no metric at all; such a
 * document counts once as an invalid evaluation
 */
public record Evaluation(String id, String modelId, String modelVersion, Instant evaluatedAt,
		Map<Metric, Double> values, List<SegmentMetrics> segments, boolean valid) {

	/**
	 * The metrics of one segment of an evaluation.
	 *
	 * @param dimension e.g. {@code region}
	 * @param value e.g. {@code emea}
	 * @param count the records the metrics were computed from, null when not given
	 * @param values the usable metric values
	 */
	public record SegmentMetrics(String dimension, String value, Long count, Map<Metric, Double> values) {

		/** The segment as events name it: {@code dimension=value}. */
		public String segment() {
			return this.dimension + "=" + this.value;
		}

	}

	OptionalDouble value(Metric metric) {
		Double value = this.values.get(metric);
		return (value != null) ? OptionalDouble.of(value) : OptionalDouble.empty();
	}
}
