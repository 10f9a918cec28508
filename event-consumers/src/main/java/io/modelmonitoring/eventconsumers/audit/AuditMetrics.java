package io.modelmonitoring.eventconsumers.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code ml_audit_records_total{outcome}}: {@code written} (a new line, durable),
 * {@code duplicate} (a redelivery whose line was there) and {@code failed} (a try that
 * failed; the message is tried again, then parked).
 */
@Component
class AuditMetrics {

	private final MeterProvider<Counter> records;

	AuditMetrics(MeterRegistry registry) {
		this.records = Counter.builder("ml_audit_records")
			.description("Audit trail writes, by outcome: written, duplicate (already there), failed (a try)")
			.withRegistry(registry);
	}

	void recorded(AuditTrail.Outcome outcome) {
		this.records.withTag("outcome", (outcome == AuditTrail.Outcome.WRITTEN) ? "written" : "duplicate").increment();
	}

	void failed() {
		this.records.withTag("outcome", "failed").increment();
	}

}
