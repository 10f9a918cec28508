package io.modelmonitoring.mlservice.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes outbox events to the events exchange, persistent, and waits for the broker's
 * confirm of each: an event is marked sent only once RabbitMQ has taken responsibility
 * for it. An event that is not confirmed stays pending in the outbox for the
 * {@link OutboxRelay}. Events are not mandatory: an event no queue is bound for yet is
 * still published.
 */
@Component
public class MonitoringEventPublisher {

	private static final Logger log = LoggerFactory.getLogger(MonitoringEventPublisher.class);

	private final RabbitTemplate rabbit;

	private final MessagingProperties properties;

	private final EventOutbox outbox;

	MonitoringEventPublisher(RabbitTemplate rabbit, MessagingProperties properties, EventOutbox outbox) {
		this.rabbit = rabbit;
		this.properties = properties;
		this.outbox = outbox;
	}

	/**
	 * Publishes a run's recorded events, in order, and waits for their confirms.
	 * @return how many the broker confirmed now
	 */
	public int publishForRun(String runId, List<OutboxEntry> entries) {
		return publish(entries, EventOutbox.runOwner(runId));
	}

	/**
	 * Publishes the events this owner can claim; stops at the first that cannot be sent,
	 * so that events leave in the order they were recorded.
	 * @return how many the broker confirmed
	 */
	int publish(List<OutboxEntry> entries, String owner) {
		List<Sent> inFlight = new ArrayList<>(entries.size());
		for (OutboxEntry entry : entries) {
			if (!this.outbox.claim(entry.id(), owner)) {
				continue;
			}
			CorrelationData correlation = new CorrelationData(entry.id());
			try {
				this.rabbit.send(this.properties.exchange(), entry.type(), message(entry), correlation);
				inFlight.add(new Sent(entry, correlation));
			}
			catch (AmqpException ex) {
				this.outbox.notSent(entry.id(), "publish failed: " + ex.getMessage());
				log.warn("event not published, left pending in the outbox eventId={} runId={} error=\"{}\"", entry.id(),
						entry.runId(), ex.getMessage());
				break;
			}
		}
		int confirmed = 0;
		for (Sent sent : inFlight) {
			String error = awaitConfirm(sent.correlation(), this.properties.confirmTimeout());
			if (error == null) {
				this.outbox.sent(sent.entry().id());
				confirmed++;
			}
			else {
				this.outbox.notSent(sent.entry().id(), error);
				log.warn("event not confirmed, left pending in the outbox eventId={} runId={} error=\"{}\"",
						sent.entry().id(), sent.entry().runId(), error);
			}
		}
		return confirmed;
	}

	/** The message as first built: the same id, type and JSON body on every attempt. */
	private static Message message(OutboxEntry entry) {
		return MessageBuilder.withBody(entry.json().getBytes(StandardCharsets.UTF_8))
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setContentEncoding(StandardCharsets.UTF_8.name())
			.setMessageId(entry.id())
			.setType(entry.type())
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.build();
	}

	/** Null when confirmed, else why not. */
	private static String awaitConfirm(CorrelationData correlation, Duration timeout) {
		try {
			CorrelationData.Confirm confirm = correlation.getFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return confirm.ack() ? null : "refused by the broker: " + confirm.reason();
		}
		catch (TimeoutException ex) {
			return "no confirm within " + timeout;
		}
		catch (ExecutionException ex) {
			return "confirm failed: " + ex.getCause().getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted while waiting for the confirm";
		}
	}

	private record Sent(OutboxEntry entry, CorrelationData correlation) {
	}

}
