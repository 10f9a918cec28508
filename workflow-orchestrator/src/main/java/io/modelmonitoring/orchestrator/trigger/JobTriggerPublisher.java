package io.modelmonitoring.orchestrator.trigger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.modelmonitoring.contracts.JobTrigger;
import io.modelmonitoring.contracts.MessageTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessagePostProcessor;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code workflow.job.trigger} messages to the events exchange: JSON,
 * persistent, AMQP {@code message_id} = the trigger's id and {@code type} = its type,
 * mandatory. A trigger counts as published once the broker confirmed it and did not
 * return it as unroutable; otherwise it is published again, with the same id (the worker
 * is idempotent on it), after a backoff, up to {@code messaging.publish.attempts} times.
 */
@Component
public class JobTriggerPublisher {

	/** The trigger's {@code source}. */
	public static final String SOURCE = "workflow-orchestrator";

	private static final Logger log = LoggerFactory.getLogger(JobTriggerPublisher.class);

	private final RabbitTemplate rabbit;

	private final AmqpAdmin admin;

	private final MessagingProperties properties;

	private final TriggerMetrics metrics;

	private final Clock clock;

	JobTriggerPublisher(RabbitTemplate rabbit, AmqpAdmin admin, MessagingProperties properties, TriggerMetrics metrics,
			Clock clock) {
		this.rabbit = rabbit;
		this.admin = admin;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Declares the exchange, the batch-jobs queue and its binding once started, rather
	 * than at the first trigger, so that the queue holds triggers even before a worker
	 * ever ran. With RabbitMQ down the orchestrator still starts: the declarations are
	 * made again whenever a connection opens.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void declareOnStart() {
		try {
			this.admin.initialize();
		}
		catch (AmqpException ex) {
			log.warn(
					"RabbitMQ cannot be reached at start-up ({}); the exchange {} and queue {} will be declared "
							+ "when it can",
					ex.getMessage(), this.properties.exchange(), this.properties.batchJobsQueue());
		}
	}

	/**
	 * Publishes a new trigger and waits until the broker has it.
	 * @param job the job to run
	 * @param tenantIds the tenants to run it for; empty means every tenant
	 * @param triggeredBy {@code "schedule"}, {@code "manual"} or who asked
	 * @return the trigger, as published
	 * @throws TriggerNotPublishedException when no attempt succeeded
	 */
	public JobTrigger publish(String job, List<String> tenantIds, String triggeredBy) {
		JobTrigger trigger = new JobTrigger(UUID.randomUUID().toString(), MessageTypes.JOB_TRIGGER,
				this.clock.instant(), SOURCE, job, new JobTrigger.Metadata(List.copyOf(tenantIds)), triggeredBy);
		MessagingProperties.Publish publish = this.properties.publish();
		Duration backoff = publish.backoff();
		String failure = null;
		for (int attempt = 1; attempt <= publish.attempts(); attempt++) {
			if (attempt > 1) {
				pause(trigger, backoff);
				backoff = backoff.multipliedBy(2);
			}
			failure = attempt(trigger, this.properties.confirmTimeout());
			if (failure == null) {
				this.metrics.published(job);
				log.info("published trigger {} for job {} (tenants {}, triggered by {}, attempt {})", trigger.id(), job,
						describe(tenantIds), triggeredBy, attempt);
				return trigger;
			}
			log.warn("trigger {} for job {}: attempt {} of {} failed: {}", trigger.id(), job, attempt,
					publish.attempts(), failure);
		}
		this.metrics.failed(job, TriggerMetrics.PUBLISH);
		String message = "trigger " + trigger.id() + " for job " + job + " was not published after "
				+ publish.attempts() + " attempt(s): " + failure;
		log.error(message);
		throw new TriggerNotPublishedException(trigger.id(), message);
	}

	/** One attempt; null when the broker confirmed the trigger, else what went wrong. */
	private String attempt(JobTrigger trigger, Duration confirmTimeout) {
		CorrelationData correlation = new CorrelationData(trigger.id());
		try {
			this.rabbit.convertAndSend(this.properties.exchange(), MessageTypes.JOB_TRIGGER, trigger, headers(trigger),
					correlation);
			CorrelationData.Confirm confirm = correlation.getFuture()
				.get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!confirm.ack()) {
				return "RabbitMQ refused it (" + confirm.reason() + ")";
			}
			ReturnedMessage returned = correlation.getReturned();
			if (returned != null) {
				// The queue or its binding went away while connected; declare them again.
				redeclare();
				return "RabbitMQ returned it as unroutable (" + returned.getReplyText() + ") from exchange "
						+ returned.getExchange() + " with key " + returned.getRoutingKey();
			}
			return null;
		}
		catch (AmqpException ex) {
			return "cannot publish to RabbitMQ (" + ex.getMessage() + ")";
		}
		catch (TimeoutException ex) {
			return "RabbitMQ did not confirm it within " + confirmTimeout;
		}
		catch (ExecutionException ex) {
			return "waiting for RabbitMQ's confirm failed (" + ex.getCause() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TriggerNotPublishedException(trigger.id(),
					"interrupted while publishing trigger " + trigger.id());
		}
	}

	private void redeclare() {
		try {
			this.admin.initialize();
		}
		catch (AmqpException ex) {
			log.warn("declaring the exchange, queue and binding again failed: {}", ex.getMessage());
		}
	}

	private static void pause(JobTrigger trigger, Duration backoff) {
		try {
			Thread.sleep(backoff.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TriggerNotPublishedException(trigger.id(),
					"interrupted while waiting to publish trigger " + trigger.id() + " again");
		}
	}

	private static MessagePostProcessor headers(JobTrigger trigger) {
		return (message) -> {
			message.getMessageProperties().setMessageId(trigger.id());
			message.getMessageProperties().setType(trigger.type());
			message.getMessageProperties().setDeliveryMode(MessageDeliveryMode.PERSISTENT);
			return message;
		};
	}

	private static String describe(List<String> tenantIds) {
		return tenantIds.isEmpty() ? "all" : String.join(",", tenantIds);
	}

}
