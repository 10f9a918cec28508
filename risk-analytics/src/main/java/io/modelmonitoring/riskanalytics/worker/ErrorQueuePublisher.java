package io.modelmonitoring.riskanalytics.worker;

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
 * Republishes a trigger that ended in failure, body and properties unchanged, to the
 * error queue (through the default exchange, so no broker-specific dead-lettering is
 * needed), and waits for the broker's confirm. Spring AMQP's recoverer adds
 * {@code x-exception-message}, {@code x-exception-stacktrace},
 * {@code x-original-exchange} and {@code x-original-routingKey}; this adds the contract's
 * {@code x-trigger-id}, {@code x-job} and {@code x-attempts} ({@link MessagingNames}).
 */
@Component
class ErrorQueuePublisher {

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
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put(MessagingNames.TRIGGER_ID_HEADER, triggerId);
		if (job != null) {
			headers.put(MessagingNames.JOB_HEADER, job);
		}
		headers.put(MessagingNames.ATTEMPTS_HEADER, attempts);
		RepublishMessageRecovererWithConfirms recoverer = new RepublishMessageRecovererWithConfirms(this.rabbit, "",
				this.worker.errorQueue(), ConfirmType.CORRELATED) {

			@Override
			protected Map<? extends String, ?> additionalHeaders(Message failed, Throwable throwable) {
				return headers;
			}

		};
		recoverer.setConfirmTimeout(this.messaging.confirmTimeout().toMillis());
		// The recoverer reads the message of the cause of what it is given, as the
		// container would wrap the listener's exception.
		recoverer.recover(message,
				new ListenerExecutionFailedException("Trigger " + triggerId + " failed", cause, message));
	}

}
