package io.modelmonitoring.riskanalytics.worker;

/**
 * A job failed in a way trying again will not fix. The message is the reason published in
 * {@code workflow.job.failed}: it says what failed, never a stack trace.
 */
public class JobFailedException extends RuntimeException {

	public JobFailedException(String message) {
		super(message);
	}

	public JobFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
