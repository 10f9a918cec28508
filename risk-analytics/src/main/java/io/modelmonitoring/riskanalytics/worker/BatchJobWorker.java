package io.modelmonitoring.riskanalytics.worker;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.modelmonitoring.contracts.JobOutcome;
import io.modelmonitoring.contracts.JobTrigger;
import io.modelmonitoring.contracts.LogValues;
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
 * it in the queue. When the error queue does not take a failed message, it is put back in
 * the worker queue rather than lost, and on its next delivery only parked again; after
 * {@value UnparkedTriggers#MAX_PARK_ATTEMPTS} refusals it is acknowledged, logged with
 * its size and counted in {@code batch_job_messages_dropped_total{reason="not_parked"}},
 * so that no message returns to the queue without limit.
 *
 * <p>
 * Every value taken from a message is logged through {@link LogValues#escape}, so that
 * none can forge or hide a log line.
 */
@Component
class BatchJobWorker {

	/** How much of a failure's reason a log line quotes. */
	static final int LOGGED_REASON_LENGTH = 1_000;

	/** How much of a trigger's tenant ids a log line lists (1,000 ids are 130 KB). */
	static final int LOGGED_TENANT_IDS_LENGTH = 2_000;

	private static final Logger logger = LoggerFactory.getLogger(BatchJobWorker.class);

	/** How far ahead of this worker's clock a trigger's timestamp may be. */
	private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private final TriggerParser parser;

	private final JobHandlers handlers;

	private final RetryTemplate retryTemplate;

	private final RetryProperties retry;

	private final OutcomePublisher outcomes;

	private final ErrorQueuePublisher errorQueue;

	private final BatchJobMetrics metrics;

	private final RecentTriggers recent;

	private final UnparkedTriggers unparked;

	private final Clock clock;

	BatchJobWorker(TriggerParser parser, JobHandlers handlers, RetryTemplate jobRetryTemplate, RetryProperties retry,
			OutcomePublisher outcomes, ErrorQueuePublisher errorQueue, BatchJobMetrics metrics, RecentTriggers recent,
			UnparkedTriggers unparked, Clock clock) {
		this.recent = recent;
		this.unparked = unparked;
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
		TriggerFailure reported = this.unparked.failureOf(message);
		if (reported != null) {
			// Reported already; the error queue refused it last time.
			park(message, reported);
			return;
		}
		JobTrigger trigger;
		try {
			trigger = this.parser.parse(message.getBody(), fallbackId(message));
		}
		catch (InvalidTriggerException ex) {
			fail(message, new TriggerFailure(ex.triggerId(), ex.job(), metricJobName(ex.job()), 0, ex.getMessage(), ex),
					started);
			return;
		}
		if (!this.recent.begin(trigger.id())) {
			logger.warn("{} duplicate delivery dropped triggerId={} redelivered={}: this worker handles or handled it",
					LogValues.escape(trigger.job()), LogValues.escape(trigger.id()),
					message.getMessageProperties().isRedelivered());
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

	/**
	 * The AMQP message id, which a trigger without an {@code id} takes as its own, when
	 * it can be a trigger id; else a generated one.
	 */
	private static String fallbackId(Message message) {
		String messageId = message.getMessageProperties().getMessageId();
		if (messageId == null || messageId.isBlank()) {
			return UUID.randomUUID().toString();
		}
		String problem = TriggerParser.idProblem(messageId);
		if (problem == null) {
			return messageId;
		}
		String generated = UUID.randomUUID().toString();
		logger.warn("message_id \"{}\" is not usable as a trigger id: it {}; a trigger without an id gets {}",
				LogValues.escape(messageId), problem, generated);
		return generated;
	}

	/**
	 * Whether a redelivered trigger may still wait in the queue rather than be reported
	 * failed: only while it is younger than
	 * {@code batch_jobs.retry.redelivered_requeue_for} (a timestamp in the future by more
	 * than a clock's skew counts as none).
	 */
	private boolean stillRequeueable(JobTrigger trigger) {
		Instant now = this.clock.instant();
		Instant timestamp = trigger.timestamp();
		return timestamp != null && timestamp.isBefore(now.plus(CLOCK_SKEW))
				&& timestamp.plus(this.retry.redeliveredRequeueFor()).isAfter(now);
	}

	private void handle(Message message, JobTrigger trigger, long started) {
		String job = LogValues.escape(trigger.job());
		String id = LogValues.escape(trigger.id());
		JobHandler handler = this.handlers.find(trigger.job());
		if (handler == null) {
			String reason = "unknown job '" + trigger.job() + "' (known: " + String.join(", ", this.handlers.jobs())
					+ ")";
			fail(message, new TriggerFailure(trigger.id(), trigger.job(), BatchJobMetrics.UNKNOWN_JOB, 0, reason,
					new JobFailedException(reason)), started);
			return;
		}
		String notRunnable = handler.notRunnableReason();
		if (notRunnable != null) {
			fail(message, new TriggerFailure(trigger.id(), trigger.job(), trigger.job(), 0, notRunnable,
					new JobFailedException(notRunnable)), started);
			return;
		}
		logger.info("{} started triggerId={} tenantIds={} triggeredBy={} redelivered={}", job, id,
				LogValues.escape(trigger.metadata().tenantIds().toString(), LOGGED_TENANT_IDS_LENGTH),
				LogValues.escape(trigger.triggeredBy()), message.getMessageProperties().isRedelivered());
		AtomicInteger attempts = new AtomicInteger();
		try {
			JobResult result = this.retryTemplate.execute(() -> attempt(handler, trigger, attempts.incrementAndGet()));
			complete(trigger, result, attempts.get(), started);
		}
		catch (RetryException ex) {
			if (Thread.currentThread().isInterrupted()) {
				logger.warn("{} interrupted triggerId={} attempts={}: the trigger goes back to the queue", job, id,
						attempts.get());
				throw new ImmediateRequeueAmqpException("interrupted while running " + id, ex);
			}
			if (message.getMessageProperties().isRedelivered() && stillRequeueable(trigger)
					&& ex.getCause() instanceof TransientJobFailureException transientFailure) {
				// An earlier delivery may have completed the run and reported it (a
				// worker
				// killed after publishing, before acknowledging): only ml-service's
				// answer
				// for the key can tell, and it cannot be had now. Reporting "failed"
				// could
				// contradict that "completed", so the trigger waits in the queue instead.
				logger.warn(
						"{} not reported failed triggerId={} attempts={} error=\"{}\": a redelivered trigger whose "
								+ "run an earlier delivery may have completed; it goes back to the queue",
						job, id, attempts.get(), LogValues.escape(transientFailure.getMessage(), LOGGED_REASON_LENGTH));
				throw new ImmediateRequeueAmqpException("redelivered trigger " + id + " not failed", ex);
			}
			JobFailedException cause = (ex.getCause() instanceof JobFailedException failed) ? failed
					: new JobFailedException("unexpected error: " + ex.getCause().getClass().getName(), ex.getCause());
			fail(message, new TriggerFailure(trigger.id(), trigger.job(), trigger.job(), attempts.get(),
					cause.getMessage(), cause), started);
		}
	}

	private JobResult attempt(JobHandler handler, JobTrigger trigger, int attempt) {
		try {
			return handler.run(trigger);
		}
		catch (TransientJobFailureException ex) {
			if (attempt < this.retry.maxAttempts()) {
				logger.warn("{} attempt failed triggerId={} attempt={} maxAttempts={} error=\"{}\": trying again",
						LogValues.escape(trigger.job()), LogValues.escape(trigger.id()), attempt,
						this.retry.maxAttempts(), LogValues.escape(ex.getMessage(), LOGGED_REASON_LENGTH));
			}
			throw ex;
		}
		catch (JobFailedException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			logger.error("{} attempt failed unexpectedly triggerId={} attempt={}", LogValues.escape(trigger.job()),
					LogValues.escape(trigger.id()), attempt, ex);
			throw ex;
		}
	}

	private void complete(JobTrigger trigger, JobResult result, int attempts, long started) {
		Duration duration = Duration.ofNanos(System.nanoTime() - started);
		logger.info(
				"{} completed triggerId={} runId={} tenants={} driftChecked={} performanceChecked={} attempts={} durationMs={}",
				LogValues.escape(trigger.job()), LogValues.escape(trigger.id()), LogValues.escape(result.runId()),
				result.tenants(), result.driftChecked(), result.performanceChecked(), attempts, duration.toMillis());
		this.metrics.completed(trigger.job(), duration, this.clock.instant());
		boolean published = this.outcomes.publish(MessageTypes.JOB_COMPLETED,
				new JobOutcome(trigger.job(), trigger.id(), result.runId(), result.tenants(), result.driftChecked(),
						result.performanceChecked(), duration.toMillis(), attempts, null),
				trigger.job());
		if (!published) {
			// The trigger goes back to the queue: delivered again, the same
			// Idempotency-Key gets the run's stored answer, and the outcome is published
			// then.
			throw new ImmediateRequeueAmqpException(
					"outcome of trigger " + LogValues.escape(trigger.id()) + " not published");
		}
	}

	private void fail(Message message, TriggerFailure failure, long started) {
		Duration duration = Duration.ofNanos(System.nanoTime() - started);
		logger.error("{} failed triggerId={} attempts={} durationMs={} error=\"{}\"",
				(failure.job() != null) ? LogValues.escape(failure.job()) : "batch job",
				LogValues.escape(failure.triggerId()), failure.attempts(), duration.toMillis(),
				LogValues.escape(failure.reason(), LOGGED_REASON_LENGTH));
		this.metrics.failed(failure.metricJobName(), duration, this.clock.instant());
		this.outcomes.publish(MessageTypes.JOB_FAILED, new JobOutcome(failure.job(), failure.triggerId(), null, 0, 0, 0,
				duration.toMillis(), failure.attempts(), failure.reason()), failure.metricJobName());
		park(message, failure);
	}

	/**
	 * Parks the failed message; when the error queue does not take it, puts it back in
	 * the worker queue, or gives it up once that happened
	 * {@value UnparkedTriggers#MAX_PARK_ATTEMPTS} times.
	 */
	private void park(Message message, TriggerFailure failure) {
		try {
			this.errorQueue.park(message, failure.cause(), failure.triggerId(), failure.job(), failure.attempts());
			this.unparked.done(message);
		}
		catch (AmqpException ex) {
			int refused = this.unparked.refused(message, failure);
			String id = LogValues.escape(failure.triggerId());
			if (refused < UnparkedTriggers.MAX_PARK_ATTEMPTS) {
				logger.error(
						"failed trigger not parked in the error queue triggerId={} attempt={} maxAttempts={}: "
								+ "it goes back to the worker queue",
						id, refused, UnparkedTriggers.MAX_PARK_ATTEMPTS, ex);
				throw new ImmediateRequeueAmqpException("error queue refused trigger " + id, ex);
			}
			this.unparked.done(message);
			this.metrics.dropped(BatchJobMetrics.NOT_PARKED);
			logger.error(
					"failed trigger dropped: the error queue refused it {} times triggerId={} job={} bodyBytes={} "
							+ "headerBytes={} error=\"{}\"",
					refused, id, LogValues.escape(failure.job()), bodyBytes(message), headerBytes(message),
					LogValues.escape(failure.reason(), LOGGED_REASON_LENGTH), ex);
		}
	}

	private static int bodyBytes(Message message) {
		return (message.getBody() != null) ? message.getBody().length : 0;
	}

	/**
	 * About the size of the message's headers in the frame: names and values as UTF-8,
	 * the table's own framing left out.
	 */
	private static long headerBytes(Message message) {
		long bytes = 0;
		for (Map.Entry<String, Object> header : message.getMessageProperties().getHeaders().entrySet()) {
			bytes += header.getKey().getBytes(StandardCharsets.UTF_8).length;
			bytes += String.valueOf(header.getValue()).getBytes(StandardCharsets.UTF_8).length;
		}
		return bytes;
	}

	private String metricJobName(String job) {
		return (job != null && this.handlers.find(job) != null) ? job : BatchJobMetrics.UNKNOWN_JOB;
	}

}
