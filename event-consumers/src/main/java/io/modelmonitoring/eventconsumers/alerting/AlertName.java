package io.modelmonitoring.eventconsumers.alerting;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.modelmonitoring.contracts.MessageTypes;

/**
 * The alerts the forwarder raises, each from one detected event type and, where the
 * contract has one, ended by one resolved event type.
 */
enum AlertName {

	MODEL_DRIFT_DETECTED("ModelDriftDetected", "psi", true, MessageTypes.DRIFT_DETECTED, MessageTypes.DRIFT_RESOLVED),

	MODEL_PERFORMANCE_DEGRADED("ModelPerformanceDegraded", null, true, MessageTypes.PERFORMANCE_DEGRADED,
			MessageTypes.PERFORMANCE_RECOVERED),

	MODEL_VOLUME_DROPPED("ModelVolumeDropped", "volume", false, MessageTypes.VOLUME_DROPPED, null),

	MODEL_EVALUATION_STALE("ModelEvaluationStale", "evaluation_age", false, MessageTypes.EVALUATION_STALE, null);

	private final String label;

	private final String defaultMetric;

	private final boolean metricFromEvent;

	private final String detectedType;

	private final String resolvedType;

	AlertName(String label, String defaultMetric, boolean metricFromEvent, String detectedType, String resolvedType) {
		this.label = label;
		this.defaultMetric = defaultMetric;
		this.metricFromEvent = metricFromEvent;
		this.detectedType = detectedType;
		this.resolvedType = resolvedType;
	}

	/** The {@code alertname} label. */
	String label() {
		return this.label;
	}

	/** The runbook's section of the alert: its heading's anchor. */
	String anchor() {
		return this.label.toLowerCase(Locale.ROOT);
	}

	/**
	 * The {@code metric} label when the event names none (drift: {@code psi}); null where
	 * the event must name it (degraded: {@code brier} or {@code mae}).
	 */
	String defaultMetric() {
		return this.defaultMetric;
	}

	/**
	 * Whether the event's {@code data.metric} gives the label: for the alerts a resolved
	 * event ends, whose {@code data.metric} names the same metric; the others keep their
	 * own.
	 */
	boolean metricFromEvent() {
		return this.metricFromEvent;
	}

	String detectedType() {
		return this.detectedType;
	}

	/** The type of the event that ends the alert, or null when none does. */
	String resolvedType() {
		return this.resolvedType;
	}

	/** Every type the forwarder consumes: the queue's binding keys. */
	static List<String> consumedTypes() {
		return Arrays.stream(values())
			.flatMap((alert) -> Stream.of(alert.detectedType, alert.resolvedType))
			.filter((type) -> type != null)
			.toList();
	}

}
