package io.modelmonitoring.contracts;

import java.time.Instant;

/**
 * The {@code data} of {@link MessageTypes#PERFORMANCE_DEGRADED}; {@code metric} is
 * "brier" or "mae".
 *
 * @param evaluatedAt the evaluation's {@code createdAt}
 * @param modelVersion the evaluation's {@code modelVersion}; null when it has none
 * @param reportUrl the run report's section on this model; null unless a report base URL
 * is configured
 * @param alertId see {@link Lifecycle}, as are {@code state}, {@code firstDetectedAt} and
 * {@code consecutiveRuns}
 */
public record PerformanceDegraded(String modelId, String segment, String metric, double value, double threshold,
		String evaluationId, Instant evaluatedAt, String modelVersion, String reportUrl, String alertId, String state,
		Instant firstDetectedAt, Integer consecutiveRuns) {
}
