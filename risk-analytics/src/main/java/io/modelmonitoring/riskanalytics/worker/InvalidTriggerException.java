package io.modelmonitoring.riskanalytics.worker;

/**
 * A trigger message the worker cannot run: not JSON, no job, a bad {@code tenantIds}.
 * Carries what could be read of it, so the failure can still be reported against the
 * trigger.
 */
class InvalidTriggerException extends RuntimeException {

	private final String triggerId;

	private final String job;

	InvalidTriggerException(String reason, String triggerId, String job) {
		super(reason);
		this.triggerId = triggerId;
		this.job = job;
	}

	String triggerId() {
		return this.triggerId;
	}

	/** The job the message named, or null when it named none. */
	String job() {
		return this.job;
	}

}
