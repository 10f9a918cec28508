package io.modelmonitoring.messaging;

import java.time.Duration;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes to RabbitMQ and waits for the broker's publisher confirm: how the services
 * send what must not be lost (triggers, job outcomes, monitoring events). A message
 * counts as sent only once the broker has confirmed it.
 *
 * <p>
 * The template's connection factory must use correlated confirms
 * ({@code spring.rabbitmq.publisher-confirm-type: correlated}). Whether a message no
 * queue is bound for is a failure is the template's {@code mandatory} flag, the caller's
 * choice: mandatory (with {@code publisher-returns}), the broker returns it and the
 * confirmation says {@link Confirmation.Outcome#RETURNED}; not mandatory, the broker
 * confirms it and drops it.
 */
public final class PublisherConfirms {

	private final RabbitTemplate rabbit;

	public PublisherConfirms(RabbitTemplate rabbit) {
		this.rabbit = rabbit;
	}

	/**
	 * Publishes a payload the template converts, and waits for its confirm.
	 * @param exchange the exchange
	 * @param type the message's type: its AMQP {@code type} and its routing key
	 * @param id the message's id: its AMQP {@code message_id}, and the correlation of its
	 * confirm
	 * @param payload what the template's converter turns into the body
	 * @param timeout how long to wait for the confirm
	 * @return how it went; never throws
	 */
	public Confirmation publish(String exchange, String type, String id, Object payload, Duration timeout) {
		PendingConfirm pending;
		try {
			pending = send(exchange, type, id, payload);
		}
		catch (AmqpException ex) {
			return Confirmation.notSent(ex);
		}
		return pending.await(timeout);
	}

	/**
	 * Sends a payload the template converts, persistent, with its id and type set, and
	 * does not wait: {@link PendingConfirm#await} does, so that many messages can be in
	 * flight at once.
	 * @throws AmqpException when it cannot be sent (no connection, for one)
	 */
	public PendingConfirm send(String exchange, String type, String id, Object payload) {
		CorrelationData correlation = new CorrelationData(id);
		this.rabbit.convertAndSend(exchange, type, payload, (message) -> {
			MessageProperties properties = message.getMessageProperties();
			properties.setMessageId(id);
			properties.setType(type);
			properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
			return message;
		}, correlation);
		return new PendingConfirm(correlation);
	}

	/**
	 * Sends a message as it was built, and does not wait. Its {@code message_id} is the
	 * correlation of its confirm.
	 * @throws AmqpException when it cannot be sent (no connection, for one)
	 */
	public PendingConfirm send(String exchange, String routingKey, Message message) {
		CorrelationData correlation = new CorrelationData(message.getMessageProperties().getMessageId());
		this.rabbit.send(exchange, routingKey, message, correlation);
		return new PendingConfirm(correlation);
	}

}
