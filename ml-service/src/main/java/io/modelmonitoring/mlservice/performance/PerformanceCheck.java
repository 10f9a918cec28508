package io.modelmonitoring.mlservice.performance;

import java.time.Instant;

import io.modelmonitoring.scan.model.ModelKey;

/**
 * One metric of one model, or of one segment of it, checked against its threshold.
 * Degraded when value > threshold.
 *
 * @param segment {@code dimension=value}, or null for the whole model
 */
public record PerformanceCheck(ModelKey model, String segment, Metric metric, double value, double threshold,
		String evaluationId, Instant evaluatedAt, String modelVersion) {

	/** A check of the whole model. */
	public PerformanceCheck(ModelKey model, Metric metric, double value, double threshold, String evaluationId,
			Instant evaluatedAt, String modelVersion) {
		this(model, null, metric, value, threshold, evaluationId, evaluatedAt, modelVersion);
	}

	public boolean degraded() {
		return this.value > this.threshold;
	}

}
