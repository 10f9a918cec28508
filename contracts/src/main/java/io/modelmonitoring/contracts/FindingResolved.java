package io.modelmonitoring.contracts;

import java.time.Instant;

/**
 * The {@code data} of {@link MessageTypes#DRIFT_RESOLVED} and
 * {@link MessageTypes#PERFORMANCE_RECOVERED}: a run checked a key whose alert was open
 * and found it within its threshold.
 *
 * @param metric "psi", "brier" or "mae"
 * @param feature "prediction" for drift, null for performance
 * @param value this run's value: the PSI, or the metric
 * @param alertId the alert that ends
 * @param firstDetectedAt the asOf of the run that opened it
 * @param resolvedAt the asOf of this run
 * @param consecutiveRuns how many runs in a row had detected it
 */
public record FindingResolved(String modelId, String segment, String metric, String feature, Double value,
		double threshold, String alertId, Instant firstDetectedAt, Instant resolvedAt, int consecutiveRuns,
		String reportUrl) {
}
