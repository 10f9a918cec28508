package io.modelmonitoring.mlservice.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

	private final RabbitTemplate rabbit;

	private final PublisherConfirms confirms;

	private final MessagingProperties properties;

	private final EventOutbox outbox;

	MonitoringEventPublisher(RabbitTemplate rabbit, MessagingProperties properties, EventOutbox outbox) {
		this.rabbit = rabbit;
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
	 * {@code messaging.confirm_timeout}. The claims are taken in one write before the
	 * first send, and the confirmed events marked sent in one write after the last
	 * confirm: an event confirmed and not marked yet when the instance stops is published
	 * again by the relay, at least once as ever.
	 * @return how many the broker confirmed
	 */
	int publish(List<OutboxEntry> entries, String owner) {
		Set<String> claimed = this.outbox.claim(entries.stream().map(OutboxEntry::id).toList(), owner);
		List<OutboxEntry> toSend = entries.stream().filter((entry) -> claimed.contains(entry.id())).toList();
		return awaitConfirms(toSend.isEmpty() ? List.of() : send(toSend, owner));
	}

	/**
	 * Sends the events in order, on one channel: the broker takes the messages of one
	 * channel in the order they were sent, which sends back to back on the channels of
	 * the cache do not guarantee.
	 * @return the events sent, all of them unless one could not be
	 */
	private List<Sent> send(List<OutboxEntry> toSend, String owner) {
		List<Sent> inFlight = new ArrayList<>(toSend.size());
		try {
			this.rabbit.invoke((operations) -> {
				for (OutboxEntry entry : toSend) {
					inFlight.add(new Sent(entry,
							this.confirms.send(this.properties.exchange(), entry.type(), message(entry))));
				}
				return null;
			});
		}
		catch (AmqpException ex) {
			if (inFlight.size() < toSend.size()) {
				leavePending(toSend.subList(inFlight.size(), toSend.size()), owner, Confirmation.notSent(ex).failure());
			}
		}
		return inFlight;
	}

	/**
	 * Releases the event that could not be sent, the first of these, and the claims on
	 * the ones after it, which were not tried.
	 */
	private void leavePending(List<OutboxEntry> unsent, String owner, String error) {
		OutboxEntry failed = unsent.get(0);
		this.outbox.notSent(List.of(failed.id()), error);
		long released = this.outbox.release(unsent.subList(1, unsent.size()).stream().map(OutboxEntry::id).toList(),
				owner, error);
		log.warn("event not published, left pending in the outbox with the {} after it eventId={} runId={} "
				+ "error=\"{}\"", released, failed.id(), failed.runId(), error);
	}

	/**
	 * Waits for the confirms, then marks the confirmed events sent in one write and
	 * releases the others, one write per reason.
	 * @return how many the broker confirmed
	 */
	private int awaitConfirms(List<Sent> inFlight) {
		List<String> confirmed = new ArrayList<>(inFlight.size());
		Map<String, List<String>> unconfirmed = new LinkedHashMap<>();
		Duration timeout = this.properties.confirmTimeout();
		long deadline = System.nanoTime() + timeout.toNanos();
		for (Sent sent : inFlight) {
			Confirmation confirmation = sent.confirm().awaitUntil(deadline, timeout);
			if (confirmation.confirmed()) {
				confirmed.add(sent.entry().id());
			}
			else {
				unconfirmed.computeIfAbsent(confirmation.failure(), (failure) -> new ArrayList<>())
					.add(sent.entry().id());
				log.warn("event not confirmed, left pending in the outbox eventId={} runId={} error=\"{}\"",
						sent.entry().id(), sent.entry().runId(), confirmation.failure());
			}
		}
		this.outbox.sent(confirmed);
		unconfirmed.forEach((failure, ids) -> this.outbox.notSent(ids, failure));
		return confirmed.size();
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
