package io.modelmonitoring.mlservice.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.modelmonitoring.messaging.Confirmation;
import io.modelmonitoring.messaging.PendingConfirm;
import io.modelmonitoring.messaging.PublisherConfirms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes outbox events to the events exchange, persistent, and waits for the broker's
 * confirm of each ({@link PublisherConfirms}): an event is marked sent only once RabbitMQ
 * has taken responsibility for it. An event that is not confirmed stays pending in the
 * outbox for the {@link OutboxRelay}. Events are not mandatory: an event no queue is
 * bound for yet is still published.
 */
@Component
public class MonitoringEventPublisher {

	private static final Logger log = LoggerFactory.getLogger(MonitoringEventPublisher.class);

	private final PublisherConfirms confirms;

	private final MessagingProperties properties;

	private final EventOutbox outbox;

	MonitoringEventPublisher(RabbitTemplate rabbit, MessagingProperties properties, EventOutbox outbox) {
		this.confirms = new PublisherConfirms(rabbit);
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
	 * so that events leave in the order they were recorded, and releases its claims on
	 * that one and every one after it, so that the relay takes them all up on its next
	 * pass. The confirms of the events sent are awaited together, within one
	 * {@code messaging.confirm_timeout}.
	 * @return how many the broker confirmed
	 */
	int publish(List<OutboxEntry> entries, String owner) {
		List<Sent> inFlight = new ArrayList<>(entries.size());
		for (int i = 0; i < entries.size(); i++) {
			OutboxEntry entry = entries.get(i);
			if (!this.outbox.claim(entry.id(), owner)) {
				continue;
			}
			PendingConfirm confirm;
			try {
				confirm = this.confirms.send(this.properties.exchange(), entry.type(), message(entry));
			}
			catch (AmqpException ex) {
				String error = Confirmation.notSent(ex).failure();
				this.outbox.notSent(entry.id(), error);
				long released = this.outbox.release(
						entries.subList(i + 1, entries.size()).stream().map(OutboxEntry::id).toList(), owner, error);
				log.warn("event not published, left pending in the outbox with the {} after it eventId={} runId={} "
						+ "error=\"{}\"", released, entry.id(), entry.runId(), error);
				break;
			}
			inFlight.add(new Sent(entry, confirm));
		}
		int confirmed = 0;
		Duration timeout = this.properties.confirmTimeout();
		long deadline = System.nanoTime() + timeout.toNanos();
		for (Sent sent : inFlight) {
			Confirmation confirmation = sent.confirm().awaitUntil(deadline, timeout);
			if (confirmation.confirmed()) {
				this.outbox.sent(sent.entry().id());
				confirmed++;
			}
			else {
				this.outbox.notSent(sent.entry().id(), confirmation.failure());
				log.warn("event not confirmed, left pending in the outbox eventId={} runId={} error=\"{}\"",
						sent.entry().id(), sent.entry().runId(), confirmation.failure());
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

	private record Sent(OutboxEntry entry, PendingConfirm confirm) {
	}

}
