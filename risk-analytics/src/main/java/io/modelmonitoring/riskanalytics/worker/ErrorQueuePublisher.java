package io.modelmonitoring.riskanalytics.worker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.modelmonitoring.contracts.MessagingNames;
import io.modelmonitoring.contracts.TriggerRule;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecoverer;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecovererWithConfirms;
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;
import org.springframework.stereotype.Component;

/**
 * Republishes a trigger that ended in failure, body and properties unchanged, to the
 * error queue (through the default exchange, so no broker-specific dead-lettering is
 * needed), and waits for the broker's confirm. Spring AMQP's recoverer adds
 * {@code x-exception-message}, {@code x-exception-stacktrace},
 * {@code x-original-exchange} and {@code x-original-routingKey}; this adds the contract's
 * {@code x-trigger-id}, {@code x-job} and {@code x-attempts} ({@link MessagingNames}).
 *
 * <p>
 * The headers it adds are bounded, so that the copy fits in the broker's frame
 * (RabbitMQ's {@code frame_max}, 128 KiB by default, holds all of a message's headers)
 * whatever the trigger held: each value is cut to its bound with
 * {@code ...[truncated, N chars]} at the end, and {@code x-headers-truncated} names the
 * headers that were cut.
 */
@Component
class ErrorQueuePublisher {

	/** The longest {@code x-exception-message}. */
	static final int MAX_EXCEPTION_MESSAGE_LENGTH = 1_000;

	/** The longest {@code x-exception-stacktrace}. */
	static final int MAX_STACK_TRACE_LENGTH = 8_000;

	private final RabbitTemplate rabbit;

	private final WorkerProperties worker;

	private final MessagingProperties messaging;

	ErrorQueuePublisher(RabbitTemplate rabbit, WorkerProperties worker, MessagingProperties messaging) {
		this.rabbit = rabbit;
		this.worker = worker;
		this.messaging = messaging;
	}

	/**
	 * @param cause the failure; its message is the reason, and becomes
	 * {@code x-exception-message}
	 * @throws org.springframework.amqp.AmqpException when the broker did not take it
	 */
	void park(Message message, Throwable cause, String triggerId, String job, int attempts) {
		RepublishMessageRecovererWithConfirms recoverer = new RepublishMessageRecovererWithConfirms(this.rabbit, "",
				this.worker.errorQueue(), ConfirmType.CORRELATED) {

			@Override
			protected Map<? extends String, ?> additionalHeaders(Message failed, Throwable throwable) {
				BoundedHeaders headers = new BoundedHeaders();
				// Replace the recoverer's own two, which it bounds by frame_max alone.
				headers.put(RepublishMessageRecoverer.X_EXCEPTION_MESSAGE, cause.getMessage(),
						MAX_EXCEPTION_MESSAGE_LENGTH);
				headers.put(RepublishMessageRecoverer.X_EXCEPTION_STACKTRACE, getStackTraceAsString(throwable),
						MAX_STACK_TRACE_LENGTH);
				headers.put(MessagingNames.TRIGGER_ID_HEADER, triggerId, TriggerRule.MAX_ID_LENGTH);
				if (job != null) {
					headers.put(MessagingNames.JOB_HEADER, job, TriggerRule.MAX_JOB_LENGTH);
				}
				headers.values.put(MessagingNames.ATTEMPTS_HEADER, attempts);
				return headers.done();
			}

		};
		recoverer.setConfirmTimeout(this.messaging.confirmTimeout().toMillis());
		// The recoverer reads the message of the cause of what it is given, as the
		// container would wrap the listener's exception.
		recoverer.recover(message, new ListenerExecutionFailedException(
				"Trigger " + truncate(triggerId, TriggerRule.MAX_ID_LENGTH) + " failed", cause, message));
	}

	/** The value, or its first {@code maxLength} characters and a marker. */
	static String truncate(String value, int maxLength) {
		if (value == null || value.length() <= maxLength) {
			return value;
		}
		return value.substring(0, maxLength) + "...[truncated, " + value.length() + " chars]";
	}

	private static final class BoundedHeaders {

		final Map<String, Object> values = new LinkedHashMap<>();

		final List<String> truncated = new ArrayList<>();

		void put(String name, String value, int maxLength) {
			String bounded = truncate(value, maxLength);
			if (bounded != null && !bounded.equals(value)) {
				this.truncated.add(name);
			}
			this.values.put(name, (bounded != null) ? bounded : "");
		}

		Map<String, Object> done() {
			if (!this.truncated.isEmpty()) {
				this.values.put(MessagingNames.HEADERS_TRUNCATED_HEADER, String.join(",", this.truncated));
			}
			return this.values;
		}

	}

}
