package io.modelmonitoring.mlservice.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.modelmonitoring.contracts.EventEnvelope;
import io.modelmonitoring.mlservice.monitoring.DependencyUnavailableException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.MessagePostProcessor;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes monitoring events to the events exchange, persistent, and waits for the
 * broker's confirm of each: an event counts as published only once RabbitMQ has taken
 * responsibility for it. Events are not mandatory: an event no queue is bound for yet is
 * still published.
 */
@Component
public class MonitoringEventPublisher {

	private final RabbitTemplate rabbit;

	private final MessagingProperties properties;

	MonitoringEventPublisher(RabbitTemplate rabbit, MessagingProperties properties) {
		this.rabbit = rabbit;
		this.properties = properties;
	}

	/**
	 * Fails fast, before a long run starts, when the broker cannot be reached.
	 * @throws DependencyUnavailableException naming RabbitMQ
	 */
	public void checkReachable() {
		try {
			this.rabbit.execute((channel) -> channel.isOpen());
		}
		catch (AmqpException ex) {
			throw unavailable("cannot connect", ex);
		}
	}

	/**
	 * Publishes the events and waits for all their confirms.
	 * @return how many events the broker confirmed: all of them
	 * @throws DependencyUnavailableException when any event was not confirmed
	 */
	public int publish(List<EventEnvelope<?>> events) {
		List<CorrelationData> pending = new ArrayList<>(events.size());
		try {
			for (EventEnvelope<?> event : events) {
				CorrelationData correlation = new CorrelationData(event.id());
				this.rabbit.convertAndSend(this.properties.exchange(), event.type(), event, headers(event),
						correlation);
				pending.add(correlation);
			}
		}
		catch (AmqpException ex) {
			throw unavailable("publishing failed after " + pending.size() + " of " + events.size() + " events", ex);
		}
		int confirmed = 0;
		for (CorrelationData correlation : pending) {
			awaitConfirm(correlation, this.properties.confirmTimeout());
			confirmed++;
		}
		return confirmed;
	}

	private void awaitConfirm(CorrelationData correlation, Duration timeout) {
		try {
			CorrelationData.Confirm confirm = correlation.getFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!confirm.ack()) {
				throw unavailable("event " + correlation.getId() + " was refused: " + confirm.reason(), null);
			}
		}
		catch (TimeoutException ex) {
			throw unavailable("no confirm for event " + correlation.getId() + " within " + timeout, ex);
		}
		catch (ExecutionException ex) {
			throw unavailable("confirm of event " + correlation.getId() + " failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable("interrupted while waiting for confirms", ex);
		}
	}

	private static MessagePostProcessor headers(EventEnvelope<?> event) {
		return (message) -> {
			message.getMessageProperties().setMessageId(event.id());
			message.getMessageProperties().setType(event.type());
			return message;
		};
	}

	private static DependencyUnavailableException unavailable(String message, Throwable cause) {
		return new DependencyUnavailableException("RabbitMQ", message, cause);
	}

}
