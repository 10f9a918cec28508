package io.modelmonitoring.orchestrator.trigger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelmonitoring.orchestrator.schedule.BatchJobsProperties;
import io.modelmonitoring.orchestrator.schedule.ScheduledJob;

import org.springframework.stereotype.Component;

/**
 * {@code batch_job_triggers_total{batch_job}}: triggers the broker confirmed, scheduled
 * and manual alike, a scheduled fire published late included;
 * {@code batch_job_trigger_failures_total{batch_job,reason}}: triggers given up,
 * {@code reason} being {@value #PUBLISH} (the broker did not take a manual trigger, or a
 * scheduled fire by its deadline) or {@value #LOCK} (MongoDB could not take a scheduled
 * fire, its lock or its record, by its deadline). A scheduled fire still kept for later
 * is not a failure. Both start at zero for every scheduled job, so that an alert on their
 * increase works from the first scrape.
 */
@Component
public class TriggerMetrics {

	public static final String PUBLISH = "publish";

	public static final String LOCK = "lock";

	private final MeterRegistry registry;

	public TriggerMetrics(MeterRegistry registry, BatchJobsProperties batchJobs) {
		this.registry = registry;
		for (ScheduledJob job : batchJobs.jobs()) {
			triggers(job.name());
			failures(job.name(), PUBLISH);
			failures(job.name(), LOCK);
		}
	}

	void published(String job) {
		triggers(job).increment();
	}

	public void failed(String job, String reason) {
		failures(job, reason).increment();
	}

	private Counter triggers(String job) {
		return Counter.builder("batch_job_triggers")
			.description("Batch job triggers the broker confirmed")
			.tag("batch_job", job)
			.register(this.registry);
	}

	private Counter failures(String job, String reason) {
		return Counter.builder("batch_job_trigger_failures")
			.description("Batch job triggers that were not published")
			.tag("batch_job", job)
			.tag("reason", reason)
			.register(this.registry);
	}

}
