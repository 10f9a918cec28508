package io.modelmonitoring.eventconsumers.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The forwarder's metrics, never with a tenant label:
 * <ul>
 * <li>{@code ml_alerts_forwarded_total{alertname,action}}: alerts Alertmanager took,
 * {@code action} {@code fired} (new or renewed) or {@code resolved};</li>
 * <li>{@code ml_alertmanager_request_failures_total{kind}}: posts it did not take,
 * {@code kind} {@code unreachable}, {@code server_error} (5xx, 429) or {@code refused}
 * (other 4xx); each try counts.</li>
 * </ul>
 */
@Component
class AlertMetrics {

	private final MeterProvider<Counter> forwarded;

	private final MeterProvider<Counter> failures;

	AlertMetrics(MeterRegistry registry) {
		this.forwarded = Counter.builder("ml_alerts_forwarded")
			.description("Alerts Alertmanager took, by alert name and action (fired, resolved)")
			.withRegistry(registry);
		this.failures = Counter.builder("ml_alertmanager_request_failures")
			.description("Posts to Alertmanager that failed, by kind (unreachable, server_error, refused)")
			.withRegistry(registry);
	}

	void forwarded(ForwardedAlert alert) {
		this.forwarded.withTags("alertname", alert.name().label(), "action", alert.action().label()).increment();
	}

	void requestFailed(String kind) {
		this.failures.withTag("kind", kind).increment();
	}

}
