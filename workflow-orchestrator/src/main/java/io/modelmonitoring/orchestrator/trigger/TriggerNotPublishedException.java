package io.modelmonitoring.orchestrator.trigger;

/**
 * A trigger the broker did not take after every attempt: RabbitMQ could not be reached,
 * refused it, or returned it as unroutable.
 */
public class TriggerNotPublishedException extends RuntimeException {

	private final String triggerId;

	TriggerNotPublishedException(String triggerId, String message) {
		super(message);
		this.triggerId = triggerId;
	}

	public String triggerId() {
		return this.triggerId;
	}

}
