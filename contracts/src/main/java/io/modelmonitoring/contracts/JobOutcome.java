package io.modelmonitoring.contracts;

import java.util.List;

/**
 * The {@code data} of {@link MessageTypes#JOB_COMPLETED} and
 * {@link MessageTypes#JOB_FAILED}. {@code runId} is absent when no run was started;
 * {@code error} is absent on success.
 */
public record JobOutcome(String job, String triggerId, String runId, List<String> tenants, int driftChecked,
		int performanceChecked, long durationMs, int attempts, String error) {
}
