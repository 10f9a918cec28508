package io.modelmonitoring.riskanalytics.worker;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;

/**
 * Failed triggers the error queue did not take, by a {@link Fingerprint} of their message
 * (message id and body, so that a trigger whose id was generated is found again). Such a
 * message goes back to the worker queue to be parked on its next delivery: the failure is
 * not reported, nor the job run, a second time. After {@value #MAX_PARK_ATTEMPTS} refused
 * attempts the worker gives up, so that no message goes back to the queue without limit.
 * In memory and bounded, like {@link RecentTriggers}.
 */
@Component
class UnparkedTriggers {

	/** Attempts to park one failed message, the first included. */
	static final int MAX_PARK_ATTEMPTS = 3;

	static final int REMEMBERED = 1_000;

	private final Map<Fingerprint, Unparked> unparked = new LinkedHashMap<>(16, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Fingerprint, Unparked> eldest) {
			return size() > REMEMBERED;
		}

	};

	/**
	 * The failure of a message that went back to the queue because the error queue did
	 * not take it, or null when the message is not one.
	 */
	synchronized TriggerFailure failureOf(Message message) {
		if (this.unparked.isEmpty() || !message.getMessageProperties().isRedelivered()) {
			return null;
		}
		Unparked entry = this.unparked.get(fingerprint(message));
		return (entry != null) ? entry.failure() : null;
	}

	/**
	 * The error queue refused the message once more.
	 * @return how many attempts to park it were refused, this one included
	 */
	synchronized int refused(Message message, TriggerFailure failure) {
		return this.unparked
			.merge(fingerprint(message), new Unparked(failure, 1),
					(previous, next) -> new Unparked(previous.failure(), previous.refused() + 1))
			.refused();
	}

	/** The message is parked, or given up: it is not coming back. */
	synchronized void done(Message message) {
		if (!this.unparked.isEmpty()) {
			this.unparked.remove(fingerprint(message));
		}
	}

	private static Fingerprint fingerprint(Message message) {
		return Fingerprint.of(message.getMessageProperties().getMessageId(), message.getBody());
	}

	private record Unparked(TriggerFailure failure, int refused) {
	}

}
