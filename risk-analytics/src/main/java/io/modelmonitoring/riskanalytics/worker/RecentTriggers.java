package io.modelmonitoring.riskanalytics.worker;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The triggers this worker is handling or has handled lately, by id, so that a second
 * delivery of the same trigger (published twice, or redelivered) is dropped instead of
 * reporting the job a second time. In memory and bounded: a delivery to another replica
 * or after a restart is still handled, and then ml-service's Idempotency-Key makes it the
 * same run, with the same answer.
 */
@Component
class RecentTriggers {

	static final int REMEMBERED = 10_000;

	private final Set<String> inFlight = new HashSet<>();

	private final Map<String, Boolean> handled = new LinkedHashMap<>(16, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > REMEMBERED;
		}

	};

	/**
	 * @return false when the trigger is being handled or was handled already
	 */
	synchronized boolean begin(String triggerId) {
		if (this.inFlight.contains(triggerId) || this.handled.containsKey(triggerId)) {
			return false;
		}
		this.inFlight.add(triggerId);
		return true;
	}

	/** The trigger's outcome is published and its message acknowledged. */
	synchronized void handled(String triggerId) {
		this.inFlight.remove(triggerId);
		this.handled.put(triggerId, Boolean.TRUE);
	}

	/** The trigger went back to the queue: its next delivery is handled again. */
	synchronized void requeued(String triggerId) {
		this.inFlight.remove(triggerId);
	}

}
