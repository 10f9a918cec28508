package io.modelmonitoring.eventconsumers.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Meter.MeterProvider;

import org.springframework.stereotype.Component;

/**
 * What the consumers share in metrics, never with a tenant label:
 * <ul>
 * <li>{@code ml_consumer_messages_parked_total{queue,reason}}: messages republished to an
 * error queue, by the queue they came from and a {@link ParkReason};</li>
 * <li>{@code ml_consumer_enabled{consumer}}: 1 when the consumer is configured and
 * consuming, 0 when it is off.</li>
 * </ul>
 */
@Component
public class ConsumerMetrics {

	private final MeterRegistry registry;

	private final MeterProvider<Counter> parked;

	ConsumerMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.parked = Counter.builder("ml_consumer_messages_parked")
			.description("Messages an event consumer republished to its error queue, by source queue and reason")
			.withRegistry(registry);
	}

	public void parked(String queue, ParkReason reason) {
		this.parked.withTags("queue", queue, "reason", reason.label()).increment();
	}

	/** Registers the consumer's {@code ml_consumer_enabled} gauge, once at start-up. */
	public void enabled(String consumer, boolean enabled) {
		Gauge.builder("ml_consumer_enabled", () -> enabled ? 1 : 0)
			.description("1 when the event consumer is configured and consuming, 0 when it is off")
			.tag("consumer", consumer)
			.register(this.registry);
	}

}
