package io.modelmonitoring.riskanalytics.worker;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

import io.modelmonitoring.contracts.EventEnvelope;
import io.modelmonitoring.contracts.JobOutcome;
import io.modelmonitoring.messaging.Confirmation;
import io.modelmonitoring.messaging.PublisherConfirms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code workflow.job.completed} and {@code workflow.job.failed} to the events
 * exchange, routing key = type, persistent, with the AMQP message id and type set, and
 * waits for the broker's confirm ({@link PublisherConfirms}; not mandatory). An outcome
 * the broker does not confirm is logged and counted, never thrown: the job has run either
 * way, and running it again for a lost notification would be worse.
 */
@Component
class OutcomePublisher {

	static final String SOURCE = "risk-analytics";

	private static final Logger logger = LoggerFactory.getLogger(OutcomePublisher.class);

	private final PublisherConfirms confirms;

	private final MessagingProperties properties;

	private final BatchJobMetrics metrics;

	private final Clock clock;

	OutcomePublisher(RabbitTemplate rabbit, MessagingProperties properties, BatchJobMetrics metrics, Clock clock) {
		this.confirms = new PublisherConfirms(rabbit);
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * @param type {@code workflow.job.completed} or {@code workflow.job.failed}
	 * @param metricJobName the {@code job_name} a publish failure is counted under
	 * @return whether the broker confirmed the outcome
	 */
	boolean publish(String type, JobOutcome outcome, String metricJobName) {
		// One id per (trigger, outcome type): should a redelivered trigger be reported
		// again (by another replica, or after a restart), consumers can drop the copy.
		String id = UUID.nameUUIDFromBytes((type + "\u0000" + outcome.triggerId()).getBytes(StandardCharsets.UTF_8))
			.toString();
		EventEnvelope<JobOutcome> envelope = new EventEnvelope<>(id, type, EventEnvelope.CURRENT_VERSION,
				this.clock.instant(), null, SOURCE, outcome.triggerId(), outcome);
		Confirmation confirmation = this.confirms.publish(this.properties.exchange(), type, envelope.id(), envelope,
				this.properties.confirmTimeout());
		if (confirmation.confirmed()) {
			return true;
		}
		return notPublished(envelope, metricJobName, confirmation);
	}

	private boolean notPublished(EventEnvelope<JobOutcome> envelope, String metricJobName, Confirmation confirmation) {
		logger.error("job outcome not published type={} id={} triggerId={} exchange={} reason=\"{}\"", envelope.type(),
				envelope.id(), envelope.correlationId(), this.properties.exchange(), confirmation.failure(),
				confirmation.cause());
		this.metrics.outcomeNotPublished(metricJobName);
		return false;
	}

}
