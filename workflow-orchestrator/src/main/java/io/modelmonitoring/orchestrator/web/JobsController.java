package io.modelmonitoring.orchestrator.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

import io.modelmonitoring.contracts.JobTrigger;
import io.modelmonitoring.orchestrator.schedule.BatchJobsProperties;
import io.modelmonitoring.orchestrator.schedule.CronSchedule;
import io.modelmonitoring.orchestrator.schedule.ScheduledJob;
import io.modelmonitoring.orchestrator.trigger.JobTriggerPublisher;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The scheduled jobs, and triggering one by hand. A manual trigger is answered 202 once
 * the broker has confirmed it: the job itself runs later, in the worker.
 */
@RestController
@RequestMapping("/api/v1/workflow/jobs")
class JobsController {

	static final String TRIGGERED_BY_DEFAULT = "manual";

	private final BatchJobsProperties batchJobs;

	private final JobTriggerPublisher publisher;

	private final Clock clock;

	JobsController(BatchJobsProperties batchJobs, JobTriggerPublisher publisher, Clock clock) {
		this.batchJobs = batchJobs;
		this.publisher = publisher;
		this.clock = clock;
	}

	@GetMapping
	JobList jobs() {
		Instant now = this.clock.instant();
		return new JobList(this.batchJobs.jobs().stream().map((job) -> JobView.of(job, now)).toList());
	}

	@GetMapping("/{job}")
	JobView job(@PathVariable String job) {
		return JobView.of(find(job), this.clock.instant());
	}

	@PostMapping("/{job}/trigger")
	@ResponseStatus(HttpStatus.ACCEPTED)
	TriggerAccepted trigger(@PathVariable String job, @Valid @RequestBody(required = false) TriggerRequest request) {
		ScheduledJob scheduled = find(job);
		TriggerRequest body = (request != null) ? request : TriggerRequest.EMPTY;
		List<String> tenantIds = (body.tenantIds() != null) ? new ArrayList<>(new LinkedHashSet<>(body.tenantIds()))
				: List.of();
		String triggeredBy = (body.triggeredBy() != null) ? body.triggeredBy() : TRIGGERED_BY_DEFAULT;
		JobTrigger trigger = this.publisher.publish(scheduled.name(), tenantIds, triggeredBy);
		return new TriggerAccepted(trigger.id(), trigger.job(), trigger.timestamp(), trigger.metadata().tenantIds(),
				trigger.triggeredBy());
	}

	private ScheduledJob find(String name) {
		List<ScheduledJob> jobs = this.batchJobs.jobs();
		return jobs.stream()
			.filter((job) -> job.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new UnknownJobException(name,
					jobs.stream().map(ScheduledJob::name).collect(Collectors.joining(", "))));
	}

	record JobList(List<JobView> jobs) {
	}

	/**
	 * @param name the job
	 * @param cron the expression as configured
	 * @param normalizedCron the 6-field Spring expression it runs as
	 * @param timezone the zone the expression is read in
	 * @param nextFireTime the next time the schedule fires
	 */
	record JobView(String name, String cron, String normalizedCron, String timezone, Instant nextFireTime) {

		static JobView of(ScheduledJob job, Instant now) {
			CronSchedule schedule = job.schedule();
			return new JobView(job.name(), schedule.configured(), schedule.normalized(), schedule.zone().getId(),
					schedule.nextFireTime(now));
		}

	}

	record TriggerAccepted(String triggerId, String job, Instant timestamp, List<String> tenantIds,
			String triggeredBy) {
	}

}
