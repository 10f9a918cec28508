package io.modelmonitoring.contracts;

/**
 * How long ml-service keeps a run of an {@code Idempotency-Key} to itself, by default:
 * the worker's retries of a trigger must outlast both, or a run left by a crashed
 * ml-service is still leased when the last retry comes, and the trigger fails although
 * the run could be taken over a moment later (docs/reliability.md, "Timings that cover
 * each other"). ml-service's {@code RunProperties} takes its defaults from here;
 * risk-analytics' tests check its shipped retries against them.
 */
public final class RunTimings {

	/**
	 * {@code model_monitoring.runs.lease_duration}: how long a run in progress stays
	 * leased without renewal, so how long a crashed instance's run blocks its key.
	 */
	public static final String LEASE_DURATION = "2m";

	/**
	 * {@code model_monitoring.runs.idempotent_wait}: how long a repeat of a key whose run
	 * is in progress waits for it before a 409 the worker retries.
	 */
	public static final String IDEMPOTENT_WAIT = "60s";

	private RunTimings() {
	}

}
