package io.modelmonitoring.riskanalytics.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.modelmonitoring.contracts.JobOutcome;
import io.modelmonitoring.contracts.JobTrigger;
import io.modelmonitoring.contracts.MessageTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code workflow.job.trigger} from the worker queue, runs the named job and
 * reports how it ended with {@code workflow.job.completed} or
 * {@code workflow.job.failed}.
 *
 * <p>
 * The listener takes the raw message and parses it itself, so a malformed message is
 * reported like any failure instead of breaking the container. Every failure publishes
 * {@code workflow.job.failed} and republishes the original message to the error queue;
 * then the message is acknowledged. Transient failures are retried with back-off first.
 * The message is acknowledged only after all this, so a worker that stops mid-job leaves
 * it in the queue; and only when the error queue cannot take a failed message is it put
 * back in the worker queue rather than lost.
 */
@Component
class BatchJobWorker {

	private static final Logger logger = LoggerFactory.getLogger(BatchJobWorker.class);

	private final TriggerParser parser;

	private final JobHandlers handlers;

	private final RetryTemplate retryTemplate;

	private final RetryProperties retry;

	private final OutcomePublisher outcomes;

	private final ErrorQueuePublisher errorQueue;

	private final BatchJobMetrics metrics;

	private final RecentTriggers recent;

	private final Clock clock;

	BatchJobWorker(TriggerParser parser, JobHandlers handlers, RetryTemplate jobRetryTemplate, RetryProperties retry,
			OutcomePublisher outcomes, ErrorQueuePublisher errorQueue, BatchJobMetrics metrics, RecentTriggers recent,
			Clock clock) {
		this.recent = recent;
		this.parser = parser;
		this.handlers = handlers;
		this.retryTemplate = jobRetryTemplate;
		this.retry = retry;
		this.outcomes = outcomes;
		this.errorQueue = errorQueue;
		this.metrics = metrics;
		this.clock = clock;
	}

	@RabbitListener(id = "batchJobWorker", queues = "#{@batchJobsQueue.name}")
	void onTrigger(Message message) {
		long started = System.nanoTime();
		String messageId = message.getMessageProperties().getMessageId();
		String fallbackId = (messageId != null && !messageId.isBlank()) ? messageId : UUID.randomUUID().toString();
		JobTrigger trigger;
		try {
			trigger = this.parser.parse(message.getBody(), fallbackId);
		}
		catch (InvalidTriggerException ex) {
			fail(message, new Failure(ex.triggerId(), ex.job(), metricJobName(ex.job()), 0, ex.getMessage(), ex),
					started);
			return;
		}
		if (!this.recent.begin(trigger.id())) {
			logger.warn("{} duplicate delivery dropped triggerId={} redelivered={}: this worker handles or handled it",
					trigger.job(), trigger.id(), message.getMessageProperties().isRedelivered());
			return;
		}
		boolean handled = false;
		try {
			handle(message, trigger, started);
			handled = true;
		}
		finally {
			if (handled) {
				this.recent.handled(trigger.id());
			}
			else {
				this.recent.requeued(trigger.id());
			}
		}
	}

	private void handle(Message message, JobTrigger trigger, long started) {
		JobHandler handler = this.handlers.find(trigger.job());
		if (handler == null) {
			String reason = "unknown job '" + trigger.job() + "' (known: " + String.join(", ", this.handlers.jobs())
					+ ")";
			fail(message, new Failure(trigger.id(), trigger.job(), BatchJobMetrics.UNKNOWN_JOB, 0, reason,
					new JobFailedException(reason)), started);
			return;
		}
		String notRunnable = handler.notRunnableReason();
		if (notRunnable != null) {
			fail(message, new Failure(trigger.id(), trigger.job(), trigger.job(), 0, notRunnable,
					new JobFailedException(notRunnable)), started);
			return;
		}
		logger.info("{} started triggerId={} tenantIds={} triggeredBy={} redelivered={}", trigger.job(), trigger.id(),
				trigger.metadata().tenantIds(), trigger.triggeredBy(), message.getMessageProperties().isRedelivered());
		AtomicInteger attempts = new AtomicInteger();
		try {
			JobResult result = this.retryTemplate.execute(() -> attempt(handler, trigger, attempts.incrementAndGet()));
			complete(trigger, result, attempts.get(), started);
		}
		catch (RetryException ex) {
			if (Thread.currentThread().isInterrupted()) {
				logger.warn("{} interrupted triggerId={} attempts={}: the trigger goes back to the queue",
						trigger.job(), trigger.id(), attempts.get());
				throw new ImmediateRequeueAmqpException("interrupted while running " + trigger.id(), ex);
			}
			JobFailedException cause = (ex.getCause() instanceof JobFailedException failed) ? failed
					: new JobFailedException("unexpected error: " + ex.getCause().getClass().getName(), ex.getCause());
			fail(message,
					new Failure(trigger.id(), trigger.job(), trigger.job(), attempts.get(), cause.getMessage(), cause),
					started);
		}
	}

	private JobResult attempt(JobHandler handler, JobTrigger trigger, int attempt) {
		try {
			return handler.run(trigger);
		}
		catch (TransientJobFailureException ex) {
			if (attempt < this.retry.maxAttempts()) {
				logger.warn("{} attempt failed triggerId={} attempt={} maxAttempts={} error=\"{}\": trying again",
						trigger.job(), trigger.id(), attempt, this.retry.maxAttempts(), ex.getMessage());
			}
			throw ex;
		}
		catch (JobFailedException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			logger.error("{} attempt failed unexpectedly triggerId={} attempt={}", trigger.job(), trigger.id(), attempt,
					ex);
			throw ex;
		}
	}

	private void complete(JobTrigger trigger, JobResult result, int attempts, long started) {
		Duration duration = Duration.ofNanos(System.nanoTime() - started);
		logger.info(
				"{} completed triggerId={} runId={} tenants={} driftChecked={} performanceChecked={} attempts={} durationMs={}",
				trigger.job(), trigger.id(), result.runId(), result.tenants(), result.driftChecked(),
				result.performanceChecked(), attempts, duration.toMillis());
		this.metrics.completed(trigger.job(), duration, this.clock.instant());
		boolean published = this.outcomes.publish(MessageTypes.JOB_COMPLETED,
				new JobOutcome(trigger.job(), trigger.id(), result.runId(), result.tenants(), result.driftChecked(),
						result.performanceChecked(), duration.toMillis(), attempts, null),
				trigger.job());
		if (!published) {
			// The trigger goes back to the queue: delivered again, the same
			// Idempotency-Key
			// gets the run's stored answer, and the outcome is published then.
			throw new ImmediateRequeueAmqpException("outcome of trigger " + trigger.id() + " not published");
		}
	}

	private void fail(Message message, Failure failure, long started) {
		Duration duration = Duration.ofNanos(System.nanoTime() - started);
		logger.error("{} failed triggerId={} attempts={} durationMs={} error=\"{}\"",
				(failure.job() != null) ? failure.job() : "batch job", failure.triggerId(), failure.attempts(),
				duration.toMillis(), failure.reason());
		this.metrics.failed(failure.metricJobName(), duration, this.clock.instant());
		this.outcomes.publish(MessageTypes.JOB_FAILED, new JobOutcome(failure.job(), failure.triggerId(), null, 0, 0, 0,
				duration.toMillis(), failure.attempts(), failure.reason()), failure.metricJobName());
		try {
			this.errorQueue.park(message, failure.cause(), failure.triggerId(), failure.job(), failure.attempts());
		}
		catch (AmqpException ex) {
			logger.error("failed trigger not parked in the error queue triggerId={}: it goes back to the worker queue",
					failure.triggerId(), ex);
			throw new ImmediateRequeueAmqpException("error queue refused trigger " + failure.triggerId(), ex);
		}
	}

	private String metricJobName(String job) {
		return (job != null && this.handlers.find(job) != null) ? job : BatchJobMetrics.UNKNOWN_JOB;
	}

	private record Failure(String triggerId, String job, String metricJobName, int attempts, String reason,
			Throwable cause) {
	}

}
