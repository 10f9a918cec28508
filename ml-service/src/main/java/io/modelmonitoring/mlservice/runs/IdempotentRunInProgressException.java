package io.modelmonitoring.mlservice.runs;

import java.time.Duration;

/**
 * The run of an idempotency key is still in progress after the repeat waited for it.
 */
public class IdempotentRunInProgressException extends RuntimeException {

	private final String runId;

	private final Duration retryAfter;

	IdempotentRunInProgressException(String key, String runId, Duration retryAfter) {
		super("the run of Idempotency-Key '" + key + "' (run " + runId + ") is still in progress");
		this.runId = runId;
		this.retryAfter = retryAfter;
	}

	public String runId() {
		return this.runId;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
