package io.modelmonitoring.riskanalytics.worker;

/**
 * A job failed in a way that may pass (connection refused, timeout, 5xx): the worker
 * tries again with back-off.
 */
public class TransientJobFailureException extends JobFailedException {

	public TransientJobFailureException(String message, Throwable cause) {
		super(message, cause);
	}

}
