package io.modelmonitoring.riskanalytics.worker;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.modelmonitoring.contracts.EventEnvelope;
import io.modelmonitoring.contracts.JobOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code workflow.job.completed} and {@code workflow.job.failed} to the events
 * exchange, routing key = type, persistent, with the AMQP message id and type set, and
 * waits for the broker's confirm. An outcome the broker does not confirm is logged and
 * counted, never thrown: the job has run either way, and running it again for a lost
 * notification would be worse.
 */
@Component
class OutcomePublisher {

	static final String SOURCE = "risk-analytics";

	private static final Logger logger = LoggerFactory.getLogger(OutcomePublisher.class);

	private final RabbitTemplate rabbit;

	private final MessagingProperties properties;

	private final BatchJobMetrics metrics;

	private final Clock clock;

	OutcomePublisher(RabbitTemplate rabbit, MessagingProperties properties, BatchJobMetrics metrics, Clock clock) {
		this.rabbit = rabbit;
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
		CorrelationData correlation = new CorrelationData(envelope.id());
		try {
			this.rabbit.convertAndSend(this.properties.exchange(), type, envelope, (message) -> {
				message.getMessageProperties().setMessageId(envelope.id());
				message.getMessageProperties().setType(type);
				return message;
			}, correlation);
			CorrelationData.Confirm confirm = correlation.getFuture()
				.get(this.properties.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
			if (confirm.ack()) {
				return true;
			}
			return notPublished(envelope, metricJobName, "the broker refused it: " + confirm.reason(), null);
		}
		catch (TimeoutException ex) {
			return notPublished(envelope, metricJobName, "no confirm within " + this.properties.confirmTimeout(), null);
		}
		catch (ExecutionException ex) {
			return notPublished(envelope, metricJobName, "confirm failed", ex.getCause());
		}
		catch (AmqpException ex) {
			return notPublished(envelope, metricJobName, "publishing failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return notPublished(envelope, metricJobName, "interrupted while waiting for the confirm", ex);
		}
	}

	private boolean notPublished(EventEnvelope<JobOutcome> envelope, String metricJobName, String reason,
			Throwable cause) {
		logger.error("job outcome not published type={} id={} triggerId={} exchange={} reason=\"{}\"", envelope.type(),
				envelope.id(), envelope.correlationId(), this.properties.exchange(), reason, cause);
		this.metrics.outcomeNotPublished(metricJobName);
		return false;
	}

}
