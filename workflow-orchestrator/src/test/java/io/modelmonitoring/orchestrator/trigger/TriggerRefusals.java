package io.modelmonitoring.orchestrator.trigger;

/**
 * The exception with which the publisher gives a trigger up, for tests outside this
 * package to throw from a mocked publisher (its constructor is the publisher's own).
 */
public final class TriggerRefusals {

	private TriggerRefusals() {
	}

	public static TriggerNotPublishedException notPublished(String triggerId, String message) {
		return new TriggerNotPublishedException(triggerId, message);
	}

}
