package io.modelmonitoring.messaging;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;

/** A message sent, whose confirm is still to come. */
public final class PendingConfirm {

	private final CorrelationData correlation;

	PendingConfirm(CorrelationData correlation) {
		this.correlation = correlation;
	}

	/**
	 * Waits for the broker's confirm. A thread interrupted while it waits gets its
	 * interrupt flag back and {@link Confirmation.Outcome#INTERRUPTED}.
	 * @param timeout how long to wait
	 * @return how it went; never throws
	 */
	public Confirmation await(Duration timeout) {
		return await(timeout.toNanos(), timeout);
	}

	/**
	 * Waits for the broker's confirm until a deadline shared by messages sent together,
	 * so that a batch waits one timeout in all, not one per message.
	 * @param deadline a {@link System#nanoTime()} value
	 * @param timeout the timeout the deadline was set from, which a missing confirm is
	 * reported against
	 * @return how it went; never throws
	 */
	public Confirmation awaitUntil(long deadline, Duration timeout) {
		return await(Math.max(0, deadline - System.nanoTime()), timeout);
	}

	private Confirmation await(long nanos, Duration timeout) {
		try {
			CorrelationData.Confirm confirm = this.correlation.getFuture().get(nanos, TimeUnit.NANOSECONDS);
			if (!confirm.ack()) {
				return Confirmation.refused(confirm.reason());
			}
			// Spring AMQP records a return before it completes the confirm.
			ReturnedMessage returned = this.correlation.getReturned();
			return (returned != null) ? Confirmation.returned(returned) : Confirmation.CONFIRMED;
		}
		catch (TimeoutException ex) {
			return Confirmation.noConfirm(timeout);
		}
		catch (ExecutionException ex) {
			return Confirmation.failed(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Confirmation.interrupted(ex);
		}
	}

}
