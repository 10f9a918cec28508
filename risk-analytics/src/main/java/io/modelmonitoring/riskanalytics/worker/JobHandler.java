package io.modelmonitoring.riskanalytics.worker;

import io.modelmonitoring.contracts.JobTrigger;

/**
 * Runs one kind of batch job. The worker finds the handler by the trigger's {@code job},
 * retries it while it fails with {@link TransientJobFailureException}, and reports the
 * outcome; a handler only does the work and says how it went.
 */
public interface JobHandler {

	/** The {@code job} name of the triggers this handler runs. */
	String job();

	/**
	 * Why the job cannot run at all in this service's configuration, or null when it can.
	 * A trigger then fails at once, with no attempt and no retry.
	 */
	default String notRunnableReason() {
		return null;
	}

	/**
	 * Runs the job once.
	 * @throws TransientJobFailureException when trying again later may succeed
	 * @throws JobFailedException when it may not
	 */
	JobResult run(JobTrigger trigger);

}
