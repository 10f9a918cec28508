package io.modelmonitoring.mlservice.performance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import io.modelmonitoring.mlservice.performance.Evaluation.SegmentMetrics;

import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * Turns the raw documents of {@code ml_evaluations} into {@link Evaluation} values,
 * beside the store that reads them, so that the checks never see BSON.
 */
final class EvaluationDocuments {

	/** Segment entries of one document beyond this many are not read. */
	static final int MAX_SEGMENTS = 1000;

	/** Longer segment dimensions and values make an entry unusable. */
	static final int MAX_NAME_LENGTH = 128;

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
		List<SegmentMetrics> segments = new ArrayList<>();
		boolean segmentsUsable = segments(document.get("segments"), segments);
		boolean valid = modelId != null && evaluatedAt != null && anyPresent && !anyUnusable && segmentsUsable;
		return new Evaluation(id, modelId, modelVersion, evaluatedAt, values, List.copyOf(segments), valid);
	}

	/**
	 * Reads {@code segments: [{dimension, value, brier?, mae?, count?}]} into usable
	 * entries; false when some entry is not usable (it is skipped, and the document
	 * counts as an invalid evaluation). At most {@link #MAX_SEGMENTS} entries are read.
	 */
	private static boolean segments(Object raw, List<SegmentMetrics> into) {
		if (raw == null) {
			return true;
		}
		if (!(raw instanceof List<?> entries)) {
			return false;
		}
		boolean usable = entries.size() <= MAX_SEGMENTS;
		for (Object entry : entries.subList(0, Math.min(entries.size(), MAX_SEGMENTS))) {
			SegmentMetrics segment = (entry instanceof Document document) ? segment(document) : null;
			if (segment == null) {
				usable = false;
			}
			else {
				into.add(segment);
			}
		}
		return usable;
	}

	private static SegmentMetrics segment(Document entry) {
		String dimension = name(entry.get("dimension"));
		String value = name(entry.get("value"));
		if (dimension == null || value == null) {
			return null;
		}
		Long count = null;
		if (entry.containsKey("count")) {
			OptionalDouble parsed = MetricValue.parse(plain(entry.get("count")));
			if (parsed.isEmpty() || parsed.getAsDouble() != Math.rint(parsed.getAsDouble())) {
				return null;
			}
			count = (long) parsed.getAsDouble();
		}
		Map<Metric, Double> values = new EnumMap<>(Metric.class);
		for (Metric metric : Metric.values()) {
			String name = metric.key();
			if (entry.containsKey(name)) {
				OptionalDouble parsed = MetricValue.parse(plain(entry.get(name)));
				if (parsed.isEmpty()) {
					return null;
				}
				values.put(metric, parsed.getAsDouble());
			}
		}
		return values.isEmpty() ? null : new SegmentMetrics(dimension, value, count, values);
	}

	/** A dimension or value: text of 1 to {@value #MAX_NAME_LENGTH} characters. */
	private static String name(Object value) {
		return (value instanceof String text && !text.isBlank() && text.length() <= MAX_NAME_LENGTH) ? text : null;
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
