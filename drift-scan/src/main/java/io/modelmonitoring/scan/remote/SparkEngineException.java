package io.modelmonitoring.scan.remote;

/**
 * The Spark engine could not give a scan's result: the master unreachable or refusing,
 * the driver failed or timed out, or its result file missing or unreadable. A run fails
 * with this reason; it is never a silent skip of drift.
 */
public class SparkEngineException extends RuntimeException {

	public SparkEngineException(String message, Throwable cause) {
		super(message, cause);
	}

}
