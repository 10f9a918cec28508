package io.modelmonitoring.eventconsumers.messaging;

import io.modelmonitoring.contracts.LogValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;

/**
 * What Spring AMQP's retry interceptor does with a message once it stops trying: a
 * {@link RejectedMessageException} at once, with its reason, any other failure after the
 * last try, as {@link ParkReason#RETRIES_EXHAUSTED}. Parks it in the consumer's error
 * queue and counts it; the container then acknowledges it. Only when the error queue does
 * not take it does it go back to the consumer's queue, rather than be lost.
 */
public class ParkingRecoverer implements MessageRecoverer {

	private static final Logger logger = LoggerFactory.getLogger(ParkingRecoverer.class);

	private final String queue;

	private final String errorQueue;

	private final int maxAttempts;

	private final ErrorQueuePublisher publisher;

	private final ConsumerMetrics metrics;

	/**
	 * @param queue the consumer's queue, the {@code queue} label of the parked count
	 * @param errorQueue where its messages are parked
	 * @param maxAttempts the tries its retry policy makes
	 */
	public ParkingRecoverer(String queue, String errorQueue, int maxAttempts, ErrorQueuePublisher publisher,
			ConsumerMetrics metrics) {
		this.queue = queue;
		this.errorQueue = errorQueue;
		this.maxAttempts = maxAttempts;
		this.publisher = publisher;
		this.metrics = metrics;
	}

	@Override
	public void recover(Message message, Throwable cause) {
		RejectedMessageException rejected = RejectedMessageException.in(cause);
		ParkReason reason = (rejected != null) ? rejected.reason() : ParkReason.RETRIES_EXHAUSTED;
		int attempts = (rejected != null) ? 1 : this.maxAttempts;
		Throwable failure = (rejected != null) ? rejected : rootOf(cause);
		String detail = (rejected != null) ? rejected.getMessage()
				: "gave up after " + attempts + " tries: " + describe(failure);
		String messageId = message.getMessageProperties().getMessageId();
		try {
			this.publisher.park(message, this.errorQueue, reason, attempts, detail, failure);
		}
		catch (AmqpException ex) {
			logger.error("message not parked queue={} errorQueue={} messageId={}: it goes back to the queue",
					this.queue, this.errorQueue, LogValues.escape(messageId), ex);
			throw new ImmediateRequeueAmqpException("error queue " + this.errorQueue + " refused the message", ex);
		}
		this.metrics.parked(this.queue, reason);
		logger.error("message parked queue={} errorQueue={} messageId={} routingKey={} reason={} attempts={}: {}",
				this.queue, this.errorQueue, LogValues.escape(messageId),
				LogValues.escape(message.getMessageProperties().getReceivedRoutingKey()), reason.label(), attempts,
				LogValues.escape(detail));
	}

	/** The failure the listener threw, below the container's wrapping. */
	private static Throwable rootOf(Throwable cause) {
		Throwable failure = cause;
		while (failure instanceof org.springframework.amqp.rabbit.support.ListenerExecutionFailedException
				&& failure.getCause() != null) {
			failure = failure.getCause();
		}
		return failure;
	}

	private static String describe(Throwable failure) {
		return (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getName();
	}

}
