package io.modelmonitoring.contracts;

/**
 * The {@code data} of {@link MessageTypes#JOB_COMPLETED} and
 * {@link MessageTypes#JOB_FAILED}. {@code tenants}, {@code driftChecked} and
 * {@code performanceChecked} are counts taken from the run's answer (zero when no run
 * answered); {@code runId} is null when no run was started; {@code error} is null on
 * success.
 */
public record JobOutcome(String job, String triggerId, String runId, int tenants, int driftChecked,
		int performanceChecked, long durationMs, int attempts, String error) {
}
