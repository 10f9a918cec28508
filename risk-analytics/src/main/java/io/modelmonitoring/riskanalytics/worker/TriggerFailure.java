package io.modelmonitoring.riskanalytics.worker;

/**
 * How a trigger failed, as it is reported and parked.
 *
 * @param triggerId the trigger's id, or the id it was reported under when its own was
 * unusable
 * @param job the job it named, or null
 * @param metricJobName the {@code job_name} label it is counted under
 * @param attempts how many times the job was tried
 * @param reason the {@code data.error} of its {@code workflow.job.failed}
 * @param cause the failure, for the error queue's headers
 */
record TriggerFailure(String triggerId, String job, String metricJobName, int attempts, String reason,
		Throwable cause) {
}
