package io.modelmonitoring.orchestrator.trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.modelmonitoring.contracts.JobTrigger;
import io.modelmonitoring.contracts.LogValues;
import io.modelmonitoring.contracts.MessageTypes;
import io.modelmonitoring.messaging.Confirmation;
import io.modelmonitoring.messaging.PublisherConfirms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code workflow.job.trigger} messages to the events exchange through
 * {@link PublisherConfirms}: JSON, persistent, AMQP {@code message_id} = the trigger's id
 * and {@code type} = its type, mandatory (application.yml). A trigger counts as published
 * once the broker confirmed it and did not return it as unroutable; otherwise it is
 * published again, with the same id (the worker is idempotent on it), after a backoff, up
 * to {@code messaging.publish.attempts} times. Its log lines take the job, tenant ids and
 * {@code triggeredBy} through {@link LogValues#escape}: the API refuses what could forge
 * a line, and the log does not rely on it.
 */
@Component
public class JobTriggerPublisher {

	/** The trigger's {@code source}. */
	public static final String SOURCE = "workflow-orchestrator";

	/** How much of a trigger's tenant ids a log line lists (1,000 ids are 130 KB). */
	static final int LOGGED_TENANT_IDS_LENGTH = 2_000;

	private static final Logger log = LoggerFactory.getLogger(JobTriggerPublisher.class);

	private final PublisherConfirms confirms;

	private final AmqpAdmin admin;

	private final MessagingProperties properties;

	private final TriggerMetrics metrics;

	private final Clock clock;

	JobTriggerPublisher(RabbitTemplate rabbit, AmqpAdmin admin, MessagingProperties properties, TriggerMetrics metrics,
			Clock clock) {
		this.confirms = new PublisherConfirms(rabbit);
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
	 * A new trigger: a random id, made at the given time.
	 * @param job the job to run
	 * @param tenantIds the tenants to run it for; empty means every tenant
	 * @param triggeredBy {@code "schedule"}, {@code "manual"} or who asked
	 * @param timestamp when it was made: now, or the time a schedule fired it for
	 */
	public static JobTrigger newTrigger(String job, List<String> tenantIds, String triggeredBy, Instant timestamp) {
		return new JobTrigger(UUID.randomUUID().toString(), MessageTypes.JOB_TRIGGER, timestamp, SOURCE, job,
				new JobTrigger.Metadata(List.copyOf(tenantIds)), triggeredBy);
	}

	/**
	 * Publishes a new trigger and waits until the broker has it; one not published is
	 * counted as failed and not kept.
	 * @param job the job to run
	 * @param tenantIds the tenants to run it for; empty means every tenant
	 * @param triggeredBy {@code "schedule"}, {@code "manual"} or who asked
	 * @return the trigger, as published
	 * @throws TriggerNotPublishedException when no attempt succeeded
	 */
	public JobTrigger publish(String job, List<String> tenantIds, String triggeredBy) {
		JobTrigger trigger = newTrigger(job, tenantIds, triggeredBy, this.clock.instant());
		String failure = tryPublish(trigger);
		if (failure == null) {
			return trigger;
		}
		this.metrics.failed(job, TriggerMetrics.PUBLISH);
		String message = "trigger " + trigger.id() + " for job " + LogValues.escape(job) + " was not published after "
				+ this.properties.publish().attempts() + " attempt(s): " + failure;
		log.error(message);
		throw new TriggerNotPublishedException(trigger.id(), message);
	}

	/**
	 * Publishes a trigger as it is, its id and timestamp kept, with every attempt of
	 * {@code messaging.publish}, and waits until the broker has it. A confirmed trigger
	 * is counted; one that is not is left to the caller, who keeps it for later or gives
	 * it up.
	 * @return null once the broker has the trigger, else the last attempt's failure
	 * @throws TriggerNotPublishedException when the thread is interrupted
	 */
	public String tryPublish(JobTrigger trigger) {
		String job = trigger.job();
		MessagingProperties.Publish publish = this.properties.publish();
		Duration backoff = publish.backoff();
		String failure = null;
		for (int attempt = 1; attempt <= publish.attempts(); attempt++) {
			if (attempt > 1) {
				pause(trigger, backoff);
				backoff = backoff.multipliedBy(2);
			}
			failure = attempt(trigger);
			if (failure == null) {
				this.metrics.published(job);
				log.info("published trigger {} for job {} (tenants {}, triggered by {}, attempt {})", trigger.id(),
						LogValues.escape(job), describe(trigger.metadata().tenantIds()),
						LogValues.escape(trigger.triggeredBy()), attempt);
				return null;
			}
			log.warn("trigger {} for job {}: attempt {} of {} failed: {}", trigger.id(), LogValues.escape(job), attempt,
					publish.attempts(), failure);
		}
		return failure;
	}

	/** One attempt; null when the broker confirmed the trigger, else what went wrong. */
	private String attempt(JobTrigger trigger) {
		Confirmation confirmation = this.confirms.publish(this.properties.exchange(), MessageTypes.JOB_TRIGGER,
				trigger.id(), trigger, this.properties.confirmTimeout());
		if (confirmation.confirmed()) {
			return null;
		}
		if (confirmation.outcome() == Confirmation.Outcome.INTERRUPTED) {
			throw new TriggerNotPublishedException(trigger.id(),
					"interrupted while publishing trigger " + trigger.id());
		}
		if (confirmation.outcome() == Confirmation.Outcome.RETURNED) {
			// The queue or its binding went away while connected; declare them again.
			redeclare();
		}
		return confirmation.failure();
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

	/** The tenants as a log line lists them: escaped, and cut after 2,000 characters. */
	private static String describe(List<String> tenantIds) {
		return tenantIds.isEmpty() ? "all" : LogValues.escape(String.join(",", tenantIds), LOGGED_TENANT_IDS_LENGTH);
	}

}
