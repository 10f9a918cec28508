package io.modelmonitoring.contracts;

/**
 * The message types of the contract. Each is also the routing key its message is
 * published with on the events exchange.
 */
public final class MessageTypes {

	public static final String JOB_TRIGGER = "workflow.job.trigger";

	public static final String JOB_COMPLETED = "workflow.job.completed";

	public static final String JOB_FAILED = "workflow.job.failed";

	public static final String DRIFT_DETECTED = "ml.model.drift.detected";

	public static final String PERFORMANCE_DEGRADED = "ml.model.performance.degraded";

	/** A drift a run checked again and no longer found: its alert ends. */
	public static final String DRIFT_RESOLVED = "ml.model.drift.resolved";

	/** A degraded metric a run checked again and found within its threshold. */
	public static final String PERFORMANCE_RECOVERED = "ml.model.performance.recovered";

	/**
	 * A model's current window holds far fewer predictions than its baseline foretells.
	 */
	public static final String VOLUME_DROPPED = "ml.model.volume.dropped";

	/** A model's newest usable evaluation is older than the run allows. */
	public static final String EVALUATION_STALE = "ml.model.evaluation.stale";

	/** The one batch job there is so far. */
	public static final String MODEL_MONITORING_JOB = "model-monitoring";

	private MessageTypes() {
	}

}
