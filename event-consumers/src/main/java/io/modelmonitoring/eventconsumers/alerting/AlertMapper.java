package io.modelmonitoring.eventconsumers.alerting;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.modelmonitoring.eventconsumers.alerting.ForwardedAlert.Action;
import io.modelmonitoring.eventconsumers.messaging.ConsumedMessage;
import io.modelmonitoring.eventconsumers.messaging.ParkReason;
import io.modelmonitoring.eventconsumers.messaging.RejectedMessageException;
import tools.jackson.databind.JsonNode;

/**
 * Turns a monitoring event into the alert Alertmanager is to hold; no Spring, no I/O.
 * <p>
 * Labels (the alert's identity, the same for an event and the one that resolves it):
 * {@code alertname}, {@code tenant} (the envelope's {@code tenantId}), {@code model}
 * ({@code data.modelId}), {@code metric} ({@code data.metric} for drift and degradation,
 * else the alert's own: {@code psi}, {@code volume}, {@code evaluation_age}),
 * {@code segment} ({@code data.segment}, empty when null) and {@code severity}. Tenant
 * and model are required; every other field of {@code data} is read when present and
 * skipped when not.
 * <p>
 * A detected event fires the alert from {@code data.firstDetectedAt} (else the event's
 * {@code timestamp}) until now + {@code resolveAfter}, so an alert no weekly run renews
 * ends by itself; a resolved or recovered event ends it now.
 */
final class AlertMapper {

	private final AlertingProperties properties;

	AlertMapper(AlertingProperties properties) {
		this.properties = properties;
	}

	/**
	 * @throws RejectedMessageException ({@link ParkReason#INVALID}) for an event of
	 * another type, or without tenant or model
	 */
	ForwardedAlert map(ConsumedMessage event, Instant now) {
		for (AlertName name : AlertName.values()) {
			if (name.detectedType().equals(event.type())) {
				return fired(name, event, now);
			}
			if (name.resolvedType() != null && name.resolvedType().equals(event.type())) {
				return resolved(name, event, now);
			}
		}
		throw new RejectedMessageException(ParkReason.INVALID,
				"type " + event.type() + " is not an event the alert forwarder acts on");
	}

	private ForwardedAlert fired(AlertName name, ConsumedMessage event, Instant now) {
		JsonNode data = event.root().path("data");
		Map<String, String> labels = labels(name, event, data);
		Map<String, String> annotations = new LinkedHashMap<>();
		String value = number(data, valueField(name));
		put(annotations, "value", value);
		put(annotations, "threshold", number(data, "threshold"));
		if (name == AlertName.MODEL_DRIFT_DETECTED) {
			put(annotations, "p_value", number(data, "pValue"));
		}
		if (name == AlertName.MODEL_VOLUME_DROPPED) {
			put(annotations, "expected", number(data, "expected"));
		}
		annotations.put("summary", summary(name, labels, data, value));
		String reportUrl = absoluteUrl(text(data, "reportUrl"));
		put(annotations, "report_url", reportUrl);
		put(annotations, "runbook_url", runbookUrl(name));
		common(annotations, event, data);
		Instant startsAt = instant(text(data, "firstDetectedAt"));
		if (startsAt == null) {
			startsAt = (event.timestamp() != null) ? event.timestamp() : event.receivedAt();
		}
		Instant endsAt = now.plus(this.properties.resolveAfter());
		if (startsAt.isAfter(now)) {
			// A publisher's clock ahead of this one must not make the alert invalid.
			startsAt = now;
		}
		return new ForwardedAlert(name, Action.FIRED,
				new PostableAlert(labels, annotations, startsAt.toString(), endsAt.toString(), reportUrl));
	}

	private ForwardedAlert resolved(AlertName name, ConsumedMessage event, Instant now) {
		JsonNode data = event.root().path("data");
		Map<String, String> labels = labels(name, event, data);
		Map<String, String> annotations = new LinkedHashMap<>();
		put(annotations, "value", number(data, valueField(name)));
		put(annotations, "threshold", number(data, "threshold"));
		annotations.put("summary", resolvedSummary(name, labels));
		put(annotations, "report_url", absoluteUrl(text(data, "reportUrl")));
		put(annotations, "runbook_url", runbookUrl(name));
		common(annotations, event, data);
		Instant startsAt = instant(text(data, "firstDetectedAt"));
		String starts = (startsAt != null && !startsAt.isAfter(now)) ? startsAt.toString() : null;
		return new ForwardedAlert(name, Action.RESOLVED,
				new PostableAlert(labels, annotations, starts, now.toString(), absoluteUrl(text(data, "reportUrl"))));
	}

	private Map<String, String> labels(AlertName name, ConsumedMessage event, JsonNode data) {
		String tenant = text(event.root(), "tenantId");
		if (tenant == null) {
			throw new RejectedMessageException(ParkReason.INVALID,
					event.type() + " " + event.id() + " has no tenantId: an alert needs its tenant");
		}
		String model = text(data, "modelId");
		if (model == null) {
			throw new RejectedMessageException(ParkReason.INVALID,
					event.type() + " " + event.id() + " has no data.modelId: an alert needs its model");
		}
		String metric = name.metricFromEvent() ? text(data, "metric") : null;
		if (metric == null) {
			metric = name.defaultMetric();
		}
		if (metric == null) {
			throw new RejectedMessageException(ParkReason.INVALID,
					event.type() + " " + event.id() + " has no data.metric: the alert needs to know which metric");
		}
		String segment = text(data, "segment");
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("alertname", name.label());
		labels.put("tenant", tenant);
		labels.put("model", model);
		labels.put("metric", metric);
		labels.put("segment", (segment != null) ? segment : "");
		labels.put("severity", this.properties.severity().of(name));
		return labels;
	}

	/** What every alert carries when the event has it, to trace it back. */
	private static void common(Map<String, String> annotations, ConsumedMessage event, JsonNode data) {
		put(annotations, "alert_id", text(data, "alertId"));
		put(annotations, "state", text(data, "state"));
		put(annotations, "consecutive_runs", number(data, "consecutiveRuns"));
		put(annotations, "event_id", event.id());
		put(annotations, "run_id", text(event.root(), "correlationId"));
	}

	private static String valueField(AlertName name) {
		return switch (name) {
			case MODEL_DRIFT_DETECTED -> "delta";
			case MODEL_PERFORMANCE_DEGRADED, MODEL_EVALUATION_STALE -> "value";
			case MODEL_VOLUME_DROPPED -> "observed";
		};
	}

	private static String summary(AlertName name, Map<String, String> labels, JsonNode data, String value) {
		String model = "model " + labels.get("model") + " of tenant " + labels.get("tenant")
				+ (labels.get("segment").isEmpty() ? "" : " (segment " + labels.get("segment") + ")");
		String threshold = number(data, "threshold");
		String sentence = switch (name) {
			case MODEL_DRIFT_DETECTED -> "The predictions of " + model + " drifted: PSI " + or(value, "unknown")
					+ ((threshold != null) ? " above the threshold " + threshold : "")
					+ ((number(data, "pValue") != null) ? ", p-value " + number(data, "pValue") : "") + ".";
			case MODEL_PERFORMANCE_DEGRADED -> "The " + labels.get("metric") + " of " + model + " is "
					+ or(value, "unknown") + ((threshold != null) ? ", above the threshold " + threshold : "") + ".";
			case MODEL_VOLUME_DROPPED -> "The current window of " + model + " holds " + or(value, "too few")
					+ " predictions" + ((number(data, "expected") != null)
							? " where about " + number(data, "expected") + " were expected" : "")
					+ ".";
			case MODEL_EVALUATION_STALE ->
				"The newest usable evaluation of "
						+ model + " is older than the run allows" + ((value != null)
								? " (" + value + ((threshold != null) ? ", allowed " + threshold : "") + ")" : "")
						+ ".";
		};
		String runs = number(data, "consecutiveRuns");
		if ("ongoing".equals(text(data, "state")) && runs != null) {
			sentence += " Found in " + runs + " consecutive runs.";
		}
		return sentence;
	}

	private static String resolvedSummary(AlertName name, Map<String, String> labels) {
		String model = "model " + labels.get("model") + " of tenant " + labels.get("tenant")
				+ (labels.get("segment").isEmpty() ? "" : " (segment " + labels.get("segment") + ")");
		return switch (name) {
			case MODEL_DRIFT_DETECTED -> "The predictions of " + model + " no longer drift.";
			case MODEL_PERFORMANCE_DEGRADED ->
				"The " + labels.get("metric") + " of " + model + " is back within its threshold.";
			case MODEL_VOLUME_DROPPED, MODEL_EVALUATION_STALE -> name.label() + " of " + model + " ended.";
		};
	}

	private String runbookUrl(AlertName name) {
		String base = this.properties.runbookBaseUrl();
		return (base == null || base.isBlank()) ? null : base.strip() + "#" + name.anchor();
	}

	private static void put(Map<String, String> annotations, String key, String value) {
		if (value != null) {
			annotations.put(key, value);
		}
	}

	private static String or(String value, String otherwise) {
		return (value != null) ? value : otherwise;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isString() && !value.stringValue().isBlank()) ? value.stringValue() : null;
	}

	/** A number as JSON wrote it ({@code 0.31}), or a numeric string as it is. */
	private static String number(JsonNode node, String field) {
		JsonNode value = node.path(field);
		if (value.isNumber()) {
			return value.asString();
		}
		return (value.isString() && !value.stringValue().isBlank()) ? value.stringValue() : null;
	}

	private static Instant instant(String text) {
		if (text == null) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** Alertmanager takes only absolute URLs as {@code generatorURL}. */
	private static String absoluteUrl(String text) {
		if (text == null) {
			return null;
		}
		try {
			URI uri = new URI(text);
			return (uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) ? text
					: null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
