package io.modelmonitoring.mlservice.runs;

/** An idempotency key came again with a different request. */
public class IdempotencyKeyReusedException extends RuntimeException {

	private final String runId;

	IdempotencyKeyReusedException(String key, String runId) {
		super("Idempotency-Key '" + key + "' was first used for a different request (run " + runId + ")");
		this.runId = runId;
	}

	public String runId() {
		return this.runId;
	}

}
