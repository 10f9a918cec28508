package io.modelmonitoring.contracts;

import java.time.Instant;

/**
 * The {@code data} of {@link MessageTypes#PERFORMANCE_DEGRADED}; {@code metric} is
 * "brier" or "mae".
 */
public record PerformanceDegraded(String modelId, String segment, String metric, double value, double threshold,
		String evaluationId, Instant evaluatedAt) {
}
