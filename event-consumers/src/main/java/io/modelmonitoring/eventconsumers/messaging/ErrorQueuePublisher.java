package io.modelmonitoring.eventconsumers.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

import io.modelmonitoring.contracts.MessagingNames;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecovererWithConfirms;
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;
import org.springframework.stereotype.Component;

/**
 * Republishes a message a consumer gives up on, body and properties unchanged, to its
 * error queue through the default exchange (no broker-specific dead-lettering, which Qpid
 * Broker-J refuses), and waits for the broker's confirm. Spring AMQP's recoverer adds
 * {@code x-exception-message}, {@code x-exception-stacktrace},
 * {@code x-original-exchange} and {@code x-original-routingKey}; this adds
 * {@code x-park-reason} and {@code x-attempts} ({@link MessagingNames}). The headers are
 * bounded: the message to {@value #MAX_EXCEPTION_MESSAGE} characters, the stack trace to
 * {@value #MAX_STACK_TRACE}, whatever the failure.
 */
@Component
public class ErrorQueuePublisher {

	static final int MAX_EXCEPTION_MESSAGE = 1000;

	static final int MAX_STACK_TRACE = 4000;

	private final RabbitTemplate rabbit;

	private final MessagingProperties messaging;

	ErrorQueuePublisher(RabbitTemplate rabbit, MessagingProperties messaging) {
		this.rabbit = rabbit;
		this.messaging = messaging;
	}

	/**
	 * @param detail why, in words; becomes {@code x-exception-message}
	 * @param cause the failure, for the stack trace
	 * @throws org.springframework.amqp.AmqpException when the broker did not take it
	 */
	public void park(Message message, String errorQueue, ParkReason reason, int attempts, String detail,
			Throwable cause) {
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put(MessagingNames.PARK_REASON_HEADER, reason.label());
		headers.put(MessagingNames.ATTEMPTS_HEADER, attempts);
		RepublishMessageRecovererWithConfirms recoverer = new RepublishMessageRecovererWithConfirms(this.rabbit, "",
				errorQueue, ConfirmType.CORRELATED) {

			@Override
			protected Map<? extends String, ?> additionalHeaders(Message failed, Throwable throwable) {
				return headers;
			}

			@Override
			protected String getStackTraceAsString(Throwable throwable) {
				return truncate(super.getStackTraceAsString(throwable), MAX_STACK_TRACE);
			}

		};
		recoverer.setConfirmTimeout(this.messaging.confirmTimeout().toMillis());
		// The recoverer reads the message of the cause of what it is given, as the
		// container would wrap the listener's exception.
		recoverer.recover(message, new ListenerExecutionFailedException("parked: " + reason.label(),
				new ParkedMessageException(truncate(detail, MAX_EXCEPTION_MESSAGE), cause), message));
	}

	static String truncate(String text, int max) {
		if (text == null || text.length() <= max) {
			return text;
		}
		return text.substring(0, max - 1) + "…";
	}

	/** Carries the bounded reason, with the failure as its cause. */
	static final class ParkedMessageException extends RuntimeException {

		ParkedMessageException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
