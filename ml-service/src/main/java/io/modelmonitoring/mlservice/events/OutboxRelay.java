package io.modelmonitoring.mlservice.events;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Publishes again, every {@code messaging.outbox.relay_interval}, the outbox events no
 * run could get confirmed (the broker was down, a connection closed mid-run, the instance
 * stopped), oldest first and with their original message ids, so consumers can drop a
 * copy they already have; a pass goes on, batch after batch, while the broker confirms
 * them. Keeps the {@code ml_events_pending} gauge.
 */
@Component
class OutboxRelay implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final EventOutbox outbox;

	private final MonitoringEventPublisher publisher;

	private final OutboxProperties properties;

	private final String owner = "relay:" + UUID.randomUUID();

	private final AtomicLong pending = new AtomicLong();

	OutboxRelay(EventOutbox outbox, MonitoringEventPublisher publisher, OutboxProperties properties,
			MeterRegistry registry) {
		this.outbox = outbox;
		this.publisher = publisher;
		this.properties = properties;
		Gauge.builder("ml.events.pending", this.pending, AtomicLong::get)
			.description("Monitoring events recorded in the outbox and not yet confirmed by the broker")
			.register(registry);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::relay, this.properties.relayInterval());
	}

	/**
	 * One pass: publishes batches of due events, one after the other, until none is left
	 * or one is not all confirmed, so that a backlog (every event of an outage) drains in
	 * one pass rather than one batch per interval.
	 */
	void relay() {
		try {
			int batch = this.properties.relayBatch();
			int tried = 0;
			int confirmed = 0;
			while (true) {
				List<OutboxEntry> due = this.outbox.due(batch);
				if (due.isEmpty()) {
					break;
				}
				int confirmedNow = this.publisher.publish(due, this.owner);
				tried += due.size();
				confirmed += confirmedNow;
				if (confirmedNow < due.size() || due.size() < batch) {
					break;
				}
			}
			if (tried > 0) {
				log.info("outbox relay published pending events confirmed={} of={}", confirmed, tried);
			}
			this.pending.set(this.outbox.pending());
		}
		catch (RuntimeException ex) {
			log.warn("outbox relay pass failed, next in {}: {}", this.properties.relayInterval(), ex.getMessage());
		}
	}

}
