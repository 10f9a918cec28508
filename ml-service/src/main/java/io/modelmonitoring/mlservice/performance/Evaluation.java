package io.modelmonitoring.mlservice.performance;

import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

import org.bson.Document;

/**
 * One evaluation document of {@code ml_evaluations}, read leniently by
 * {@link EvaluationStore}: each metric is taken from the first of its fields that is
 * present ({@code brier}, then {@code metrics.brier}, then {@code metrics.Brier};
 * likewise for MAE) and kept only when it holds a usable value.
 *
 * @param id the document's {@code _id} as text
 * @param modelId null when the document names no model
 * @param evaluatedAt {@code createdAt}, or null when it is not a date
 * @param values the usable metric values
 * @param valid false when the document has no model, no date (it cannot be placed before
 * a run's asOf), a present metric without a usable value, or no metric at all; such a
 * document counts once as an invalid evaluation
 */
public record Evaluation(String id, String modelId, Instant evaluatedAt, Map<Metric, Double> values, boolean valid) {

	/** Reads one raw document; never fails, whatever the document holds. */
	static Evaluation from(Document document) {
		Object rawId = document.get("_id");
		String id = (rawId != null) ? rawId.toString() : null;
		String modelId = (document.get("modelId") instanceof String text && !text.isBlank()) ? text : null;
		Instant evaluatedAt = (document.get("createdAt") instanceof Date date) ? date.toInstant() : null;
		Map<Metric, Double> values = new EnumMap<>(Metric.class);
		boolean anyPresent = false;
		boolean anyUnusable = false;
		for (Metric metric : Metric.values()) {
			Field field = firstPresent(document, metric);
			if (field.present()) {
				anyPresent = true;
				OptionalDouble value = MetricValue.parse(field.value());
				if (value.isPresent()) {
					values.put(metric, value.getAsDouble());
				}
				else {
					anyUnusable = true;
				}
			}
		}
		boolean valid = modelId != null && evaluatedAt != null && anyPresent && !anyUnusable;
		return new Evaluation(id, modelId, evaluatedAt, values, valid);
	}

	OptionalDouble value(Metric metric) {
		Double value = this.values.get(metric);
		return (value != null) ? OptionalDouble.of(value) : OptionalDouble.empty();
	}

	private static Field firstPresent(Document document, Metric metric) {
		for (String name : metric.topLevelFields()) {
			if (document.containsKey(name)) {
				return new Field(true, document.get(name));
			}
		}
		if (document.get("metrics") instanceof Document metrics) {
			for (String name : metric.metricsFields()) {
				if (metrics.containsKey(name)) {
					return new Field(true, metrics.get(name));
				}
			}
		}
		return new Field(false, null);
	}

	private record Field(boolean present, Object value) {
	}

}
