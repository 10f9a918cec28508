package io.modelmonitoring.riskanalytics.worker;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The triggers this worker is handling or has handled lately, so that a second delivery
 * of the same trigger (published twice, or redelivered) is dropped instead of reporting
 * the job a second time. In memory and bounded: a delivery to another replica or after a
 * restart is still handled, and then ml-service's Idempotency-Key makes it the same run,
 * with the same answer.
 *
 * <p>
 * Bounded in size as well as in number: each trigger is remembered by a
 * {@link Fingerprint} of its id, never by the id itself, so {@value #REMEMBERED} entries
 * take the same memory whatever ids the messages carried (the parser refuses ids over
 * {@code TriggerRule.MAX_ID_LENGTH} before they get here, too).
 */
@Component
class RecentTriggers {

	static final int REMEMBERED = 10_000;

	private final Set<Fingerprint> inFlight = new HashSet<>();

	private final Map<Fingerprint, Boolean> handled = new LinkedHashMap<>(16, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Fingerprint, Boolean> eldest) {
			return size() > REMEMBERED;
		}

	};

	/**
	 * @return false when the trigger is being handled or was handled already
	 */
	synchronized boolean begin(String triggerId) {
		Fingerprint trigger = Fingerprint.of(triggerId);
		if (this.inFlight.contains(trigger) || this.handled.containsKey(trigger)) {
			return false;
		}
		this.inFlight.add(trigger);
		return true;
	}

	/** The trigger's outcome is published and its message acknowledged. */
	synchronized void handled(String triggerId) {
		Fingerprint trigger = Fingerprint.of(triggerId);
		this.inFlight.remove(trigger);
		this.handled.put(trigger, Boolean.TRUE);
	}

	/** The trigger went back to the queue: its next delivery is handled again. */
	synchronized void requeued(String triggerId) {
		this.inFlight.remove(Fingerprint.of(triggerId));
	}

	/** How many handled triggers are remembered. */
	synchronized int size() {
		return this.handled.size();
	}

}
