package io.modelmonitoring.contracts;

/**
 * What a trigger may carry (SPEC §3), beside its tenant ids ({@link TenantIdRule}): the
 * bounds of its text fields. The worker refuses a trigger over them as invalid, so that
 * nothing it copies into a header, an HTTP call, its memory or a log line is larger than
 * this; the orchestrator publishes none. Constants, so that validation annotations can
 * name them.
 */
public final class TriggerRule {

	/**
	 * The longest trigger id: the longest {@code Idempotency-Key} ml-service takes, since
	 * the worker sends the id as one. The orchestrator's ids are UUIDs (36).
	 */
	public static final int MAX_ID_LENGTH = 255;

	/** The longest job name. */
	public static final int MAX_JOB_LENGTH = 128;

	/** The longest {@code triggeredBy}: "schedule", "manual" or who asked. */
	public static final int MAX_TRIGGERED_BY_LENGTH = 200;

	/**
	 * What the text fields must not hold: the characters {@link LogValues} escapes, which
	 * could forge a log line or hide what a value is.
	 */
	public static final String NO_UNSAFE_CHARACTERS_MESSAGE = "must hold no control, format or line separator characters";

	private TriggerRule() {
	}

}
