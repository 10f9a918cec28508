package io.modelmonitoring.eventconsumers.messaging;

/**
 * A message no retry can mend: it is parked at once with its reason, never put back in
 * the queue.
 */
public class RejectedMessageException extends RuntimeException {

	private final ParkReason reason;

	public RejectedMessageException(ParkReason reason, String detail) {
		super(detail);
		this.reason = reason;
	}

	public ParkReason reason() {
		return this.reason;
	}

	/** The rejection in a failure's chain of causes, or null when there is none. */
	static RejectedMessageException in(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RejectedMessageException rejected) {
				return rejected;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

}
