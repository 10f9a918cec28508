package io.modelmonitoring.riskanalytics.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The worker's metrics (SPEC §8), labelled by {@code job_name}: a registered job's name,
 * or {@code unknown} for triggers naming no job or one without a handler, so that
 * arbitrary message content cannot create series.
 * <ul>
 * <li>{@code batch_job_duration_seconds{job_name}}: histogram of the time from receiving
 * a trigger to its outcome, retries included;</li>
 * <li>{@code batch_job_runs_total{job_name,status}}: status {@code completed} or
 * {@code failed};</li>
 * <li>{@code batch_job_last_success_timestamp_seconds{job_name}}: registered at the first
 * success after start-up, absent before;</li>
 * <li>{@code batch_job_last_failure_timestamp_seconds{job_name}}: the same for failures.
 * Neither survives a restart; the alert rules read their last value from Prometheus'
 * history ({@code max_over_time}), which does;</li>
 * <li>{@code batch_job_outcome_publish_failures_total{job_name}}: outcomes the broker did
 * not confirm;</li>
 * <li>{@code batch_job_messages_dropped_total{reason}}: messages acknowledged without
 * being parked, {@code reason} {@value #NOT_PARKED} (the error queue refused the failed
 * trigger {@value UnparkedTriggers#MAX_PARK_ATTEMPTS} times); starts at zero, so that an
 * alert on its increase works from the first scrape. No {@code job_name}: the message may
 * name none.</li>
 * </ul>
 */
@Component
class BatchJobMetrics {

	static final String UNKNOWN_JOB = "unknown";

	static final String NOT_PARKED = "not_parked";

	private final MeterRegistry registry;

	private final Map<String, AtomicLong> lastSuccessMillis = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> lastFailureMillis = new ConcurrentHashMap<>();

	BatchJobMetrics(MeterRegistry registry) {
		this.registry = registry;
		droppedCounter(NOT_PARKED);
	}

	void completed(String jobName, Duration duration, Instant at) {
		record(jobName, "completed", duration);
		this.lastSuccessMillis
			.computeIfAbsent(jobName, (name) -> registerTimestamp("batch_job_last_success_timestamp_seconds",
					"When the job last completed, in seconds since the epoch; absent until the first success", name))
			.set(at.toEpochMilli());
	}

	void failed(String jobName, Duration duration, Instant at) {
		record(jobName, "failed", duration);
		this.lastFailureMillis
			.computeIfAbsent(jobName, (name) -> registerTimestamp("batch_job_last_failure_timestamp_seconds",
					"When the job last failed, in seconds since the epoch; absent until the first failure", name))
			.set(at.toEpochMilli());
	}

	void outcomeNotPublished(String jobName) {
		Counter.builder("batch_job_outcome_publish_failures")
			.description("Job outcome messages the broker did not confirm (nack, timeout, connection lost)")
			.tag("job_name", jobName)
			.register(this.registry)
			.increment();
	}

	void dropped(String reason) {
		droppedCounter(reason).increment();
	}

	private Counter droppedCounter(String reason) {
		return Counter.builder("batch_job_messages_dropped")
			.description("Trigger messages acknowledged without being parked in the error queue, by why")
			.tag("reason", reason)
			.register(this.registry);
	}

	private void record(String jobName, String status, Duration duration) {
		Timer.builder("batch_job_duration")
			.description("Time from receiving a batch job trigger to its outcome, retries included")
			.tag("job_name", jobName)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(10))
			.maximumExpectedValue(Duration.ofHours(2))
			.register(this.registry)
			.record(duration);
		Counter.builder("batch_job_runs")
			.description("Batch job triggers handled, by outcome")
			.tag("job_name", jobName)
			.tag("status", status)
			.register(this.registry)
			.increment();
	}

	private AtomicLong registerTimestamp(String name, String description, String jobName) {
		AtomicLong millis = new AtomicLong();
		Gauge.builder(name, millis, (value) -> value.get() / 1000.0)
			.description(description)
			.tag("job_name", jobName)
			.register(this.registry);
		return millis;
	}

}
