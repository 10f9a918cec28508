package io.modelmonitoring.contracts;

/**
 * The broker names the services share (SPEC §2): the events exchange's default, the
 * batch-jobs queue and its error queue, and the headers of a parked trigger. The routing
 * key of a message is its type, in {@link MessageTypes}.
 */
public final class MessagingNames {

	/**
	 * The durable topic exchange every message goes through, unless
	 * {@code messaging.exchange} names another.
	 */
	public static final String DEFAULT_EXCHANGE = "coder_events";

	/**
	 * The durable queue the worker consumes, bound to the exchange with
	 * {@link MessageTypes#JOB_TRIGGER}, unless {@code messaging.batch_jobs_queue} names
	 * another.
	 */
	public static final String BATCH_JOBS_QUEUE = "bi_batch_jobs";

	/** Where the worker parks a trigger that ended in failure, by default. */
	public static final String BATCH_JOBS_ERROR_QUEUE = BATCH_JOBS_QUEUE + ".errors";

	/** On a parked trigger: the trigger's id. */
	public static final String TRIGGER_ID_HEADER = "x-trigger-id";

	/** On a parked trigger: the job it named, when it named one. */
	public static final String JOB_HEADER = "x-job";

	/** On a parked trigger: how many times the job was tried (0: never). */
	public static final String ATTEMPTS_HEADER = "x-attempts";

	/**
	 * On a parked trigger whose headers were cut to fit the broker's frame: their names,
	 * comma-separated. Each cut value ends in {@code ...[truncated, N chars]}.
	 */
	public static final String HEADERS_TRUNCATED_HEADER = "x-headers-truncated";

	private MessagingNames() {
	}

}
