package io.modelmonitoring.contracts;

import java.time.Duration;
import java.time.Instant;

/**
 * The {@code data} of {@link MessageTypes#EVALUATION_STALE}: the model's newest usable
 * evaluation was created more than {@code maxAge} before the run's asOf, so its
 * performance checks judge an old model.
 *
 * @param metric "evaluation_age"
 * @param evaluationId the newest usable evaluation
 * @param evaluatedAt its {@code createdAt}
 * @param age asOf − evaluatedAt
 */
public record EvaluationStale(String modelId, String segment, String metric, String evaluationId, Instant evaluatedAt,
		Duration age, Duration maxAge, String reportUrl, String alertId, String state, Instant firstDetectedAt,
		Integer consecutiveRuns) {
}
