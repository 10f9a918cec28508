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

	/** The one batch job there is so far. */
	public static final String MODEL_MONITORING_JOB = "model-monitoring";

	private MessageTypes() {
	}

}
