package io.modelmonitoring.eventconsumers.audit;

import io.modelmonitoring.eventconsumers.messaging.ConsumedMessage;
import io.modelmonitoring.contracts.LogValues;
import io.modelmonitoring.eventconsumers.messaging.MessageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Appends every {@code ml.model.#} and {@code workflow.job.#} message to the audit trail,
 * exactly once per message id. The message is acknowledged only when this returns, that
 * is once its line is durable or was there already; a failed write is tried again with
 * back-off, then the message is parked in {@code ml_audit_log.errors}, as is at once a
 * message with no id, not JSON, or too large. Consumes nothing when no trail is
 * configured.
 */
@Component
class MLAuditConsumer {

	private static final Logger logger = LoggerFactory.getLogger(MLAuditConsumer.class);

	private final MessageReader reader;

	private final AuditRecords records;

	private final AuditTrail trail;

	private final AuditMetrics metrics;

	MLAuditConsumer(MessageReader reader, AuditRecords records, AuditTrail auditTrail, AuditMetrics metrics) {
		this.reader = reader;
		this.records = records;
		this.trail = auditTrail;
		this.metrics = metrics;
	}

	@RabbitListener(id = "mlAuditConsumer", queues = "#{@auditLogQueue.name}",
			containerFactory = "auditListenerContainerFactory", autoStartup = "#{@auditTrail.enabled()}")
	void onMessage(Message message) {
		ConsumedMessage consumed = this.reader.read(message);
		AuditRecord record = this.records.of(consumed);
		AuditTrail.Outcome outcome;
		try {
			outcome = this.trail.append(record);
		}
		catch (RuntimeException ex) {
			this.metrics.failed();
			logger.warn("audit line not written messageId={} type={}: {}", LogValues.escape(consumed.id()),
					LogValues.escape(consumed.type()), LogValues.escape(ex.getMessage()));
			throw ex;
		}
		this.metrics.recorded(outcome);
		if (outcome == AuditTrail.Outcome.DUPLICATE) {
			logger.info("audit line already written messageId={} type={} redelivered={}: acknowledged",
					LogValues.escape(consumed.id()), LogValues.escape(consumed.type()), consumed.redelivered());
		}
		else {
			logger.debug("audit line written messageId={} type={} day={}", LogValues.escape(consumed.id()),
					LogValues.escape(consumed.type()), record.day());
		}
	}

}
