package io.modelmonitoring.mlservice.performance;

import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * Turns the raw documents of {@code ml_evaluations} into {@link Evaluation} values,
 * beside the store that reads them, so that the checks never see BSON.
 */
final class EvaluationDocuments {

	/** Longer version labels are cut: they are shown, never matched. */
	static final int MAX_MODEL_VERSION_LENGTH = 128;

	private EvaluationDocuments() {
	}

	/** Reads one raw document; never fails, whatever the document holds. */
	static Evaluation read(Document document) {
		Object rawId = document.get("_id");
		String id = (rawId != null) ? rawId.toString() : null;
		String modelId = (document.get("modelId") instanceof String text && !text.isBlank()) ? text : null;
		String modelVersion = modelVersion(document.get("modelVersion"));
		Instant evaluatedAt = (document.get("createdAt") instanceof Date date) ? date.toInstant() : null;
		Map<Metric, Double> values = new EnumMap<>(Metric.class);
		boolean anyPresent = false;
		boolean anyUnusable = false;
		for (Metric metric : Metric.values()) {
			Field field = firstPresent(document, metric);
			if (field.present()) {
				anyPresent = true;
				OptionalDouble value = MetricValue.parse(plain(field.value()));
				if (value.isPresent()) {
					values.put(metric, value.getAsDouble());
				}
				else {
					anyUnusable = true;
				}
			}
		}
		boolean valid = modelId != null && evaluatedAt != null && anyPresent && !anyUnusable;
		return new Evaluation(id, modelId, modelVersion, evaluatedAt, values, valid);
	}

	/** A version written as text or as a number; anything else is no version. */
	private static String modelVersion(Object value) {
		String text = (value instanceof String || value instanceof Number) ? String.valueOf(value) : null;
		if (text == null || text.isBlank()) {
			return null;
		}
		return (text.length() > MAX_MODEL_VERSION_LENGTH) ? text.substring(0, MAX_MODEL_VERSION_LENGTH) : text;
	}

	/**
	 * A BSON decimal as a plain number; NaN and infinities become a value that is none.
	 */
	private static Object plain(Object value) {
		if (value instanceof Decimal128 decimal) {
			return (decimal.isNaN() || decimal.isInfinite()) ? null : decimal.bigDecimalValue();
		}
		return value;
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
