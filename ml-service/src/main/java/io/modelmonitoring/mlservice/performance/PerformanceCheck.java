package io.modelmonitoring.mlservice.performance;

import java.time.Instant;

import io.modelmonitoring.scan.model.ModelKey;

/**
 * One metric of one model, checked against its threshold. Degraded when value >
 * threshold.
 */
public record PerformanceCheck(ModelKey model, Metric metric, double value, double threshold, String evaluationId,
		Instant evaluatedAt, String modelVersion) {

	public boolean degraded() {
		return this.value > this.threshold;
	}

}
