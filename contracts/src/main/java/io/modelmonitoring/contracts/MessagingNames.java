package io.modelmonitoring.contracts;

/**
 * The broker names the services share (SPEC §2): the events exchange's default, the
 * batch-jobs queue and its error queue, the event consumers' queues and error queues, and
 * the headers of a parked message. The routing key of a message is its type, in
 * {@link MessageTypes}.
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

	/**
	 * The durable queue of the audit trail (event-consumers' {@code MLAuditConsumer}),
	 * bound with {@link #ML_EVENTS_PATTERN} and {@link #WORKFLOW_JOB_EVENTS_PATTERN},
	 * unless {@code audit_log.queue} names another.
	 */
	public static final String ML_AUDIT_LOG_QUEUE = "ml_audit_log";

	/** Where the audit consumer parks a message it cannot write, by default. */
	public static final String ML_AUDIT_LOG_ERROR_QUEUE = ML_AUDIT_LOG_QUEUE + ".errors";

	/**
	 * The durable queue of the Alertmanager forwarder (event-consumers), bound with the
	 * detected, resolved and recovered types of {@link MessageTypes}, unless
	 * {@code alerting.queue} names another.
	 */
	public static final String ML_ALERT_FORWARDER_QUEUE = "ml_alert_forwarder";

	/** Where the forwarder parks a message it cannot forward, by default. */
	public static final String ML_ALERT_FORWARDER_ERROR_QUEUE = ML_ALERT_FORWARDER_QUEUE + ".errors";

	/** The binding key of every monitoring event ({@code ml.model.*} and deeper). */
	public static final String ML_EVENTS_PATTERN = "ml.model.#";

	/** The binding key of every batch-job message: trigger, completed, failed. */
	public static final String WORKFLOW_JOB_EVENTS_PATTERN = "workflow.job.#";

	/**
	 * On a message an event consumer parked: why, as one of a few fixed words
	 * ({@code no-id}, {@code not-json}, {@code too-large}, {@code invalid},
	 * {@code refused}, {@code retries-exhausted}); the detail is in
	 * {@code x-exception-message}.
	 */
	public static final String PARK_REASON_HEADER = "x-park-reason";

	/** On a parked trigger: the trigger's id. */
	public static final String TRIGGER_ID_HEADER = "x-trigger-id";

	/** On a parked trigger: the job it named, when it named one. */
	public static final String JOB_HEADER = "x-job";

	/**
	 * On a parked trigger: how many times the job was tried (0: never); on a message an
	 * event consumer parked: how many times it was handled.
	 */
	public static final String ATTEMPTS_HEADER = "x-attempts";

	/**
	 * On a parked trigger whose headers were cut to fit the broker's frame: their names,
	 * comma-separated. Each cut value ends in {@code ...[truncated, N chars]}.
	 */
	public static final String HEADERS_TRUNCATED_HEADER = "x-headers-truncated";

	private MessagingNames() {
	}

}
