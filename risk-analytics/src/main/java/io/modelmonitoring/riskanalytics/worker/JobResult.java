package io.modelmonitoring.riskanalytics.worker;

/**
 * What a completed job reports: the counts go into {@code workflow.job.completed}.
 *
 * @param runId the id of the run the job started, or null
 */
public record JobResult(String runId, int tenants, int driftChecked, int performanceChecked) {
}
