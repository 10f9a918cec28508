package io.modelmonitoring.mlservice.performance;

import java.time.Instant;
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
 * @param valid false when the document has no model, no date (it cannot be placed before
 * a run's asOf), a present metric without a usable value, or no metric at all; such a
 * document counts once as an invalid evaluation
 */
public record Evaluation(String id, String modelId, String modelVersion, Instant evaluatedAt,
		Map<Metric, Double> values, boolean valid) {

	OptionalDouble value(Metric metric) {
		Double value = this.values.get(metric);
		return (value != null) ? OptionalDouble.of(value) : OptionalDouble.empty();
	}
}
