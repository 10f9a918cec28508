package io.modelmonitoring.mlservice.runs;

import java.time.Duration;
import java.util.List;

/**
 * The exceptions with which admission refuses a run, for tests outside this package to
 * throw from a mocked service (their constructors are admission's own).
 */
public final class RunRefusals {

	private RunRefusals() {
	}

	/** A run for some of these tenants is in progress. */
	public static RunConflictException runInProgress(String runningRunId, List<String> tenantIds) {
		return new RunConflictException(runningRunId, tenantIds);
	}

	/** The key came first with a different request. */
	public static IdempotencyKeyReusedException keyReused(String key, String runId) {
		return new IdempotencyKeyReusedException(key, runId);
	}

	/** The key's run is still in progress after the wait. */
	public static IdempotentRunInProgressException keyedRunInProgress(String key, String runId, Duration retryAfter) {
		return new IdempotentRunInProgressException(key, runId, retryAfter);
	}

}
