package io.modelmonitoring.mlservice.runs;

/**
 * A run's answer, and whether it is the stored answer of an earlier request with the same
 * idempotency key.
 */
public record RunOutcome(MonitoringRunResponse response, boolean replayed) {
}
