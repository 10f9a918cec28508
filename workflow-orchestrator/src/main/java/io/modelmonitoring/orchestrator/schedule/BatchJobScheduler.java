package io.modelmonitoring.orchestrator.schedule;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.modelmonitoring.orchestrator.trigger.JobTriggerPublisher;
import io.modelmonitoring.orchestrator.trigger.TriggerMetrics;
import io.modelmonitoring.orchestrator.trigger.TriggerNotPublishedException;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Publishes each scheduled job's trigger on its cron schedule. Every replica runs the
 * schedule; the one that takes the job's lock in MongoDB (ShedLock, collection
 * {@code shedlock}) publishes, the others skip that fire. The lock is held at least
 * {@code batch_jobs.lock.at_least_for}, so that a replica whose clock runs behind does
 * not fire the same schedule again.
 */
@Component
class BatchJobScheduler implements SchedulingConfigurer {

	/** The trigger's {@code triggeredBy} when the schedule fired it. */
	static final String TRIGGERED_BY = "schedule";

	private static final Logger log = LoggerFactory.getLogger(BatchJobScheduler.class);

	private final BatchJobsProperties properties;

	private final LockProvider locks;

	private final JobTriggerPublisher publisher;

	private final TriggerMetrics metrics;

	private final Clock clock;

	BatchJobScheduler(BatchJobsProperties properties, LockProvider locks, JobTriggerPublisher publisher,
			TriggerMetrics metrics, Clock clock) {
		this.properties = properties;
		this.locks = locks;
		this.publisher = publisher;
		this.metrics = metrics;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		for (ScheduledJob job : this.properties.jobs()) {
			CronSchedule schedule = job.schedule();
			registrar
				.addCronTask(new CronTask(() -> fire(job), new CronTrigger(schedule.normalized(), schedule.zone())));
			log.info("job {} scheduled on '{}' (runs as '{}') in {}; next fire at {}", job.name(),
					schedule.configured(), schedule.normalized(), schedule.zone(),
					schedule.nextFireTime(this.clock.instant()));
		}
	}

	/**
	 * One fire of a job's schedule: publishes its trigger if this replica takes the lock.
	 * Failures are logged and counted, never thrown: the next fire must still happen.
	 */
	void fire(ScheduledJob job) {
		BatchJobsProperties.Lock lock = this.properties.lock();
		Optional<SimpleLock> held;
		try {
			held = this.locks
				.lock(new LockConfiguration(this.clock.instant(), job.name(), lock.atMostFor(), lock.atLeastFor()));
		}
		catch (RuntimeException ex) {
			this.metrics.failed(job.name(), TriggerMetrics.LOCK);
			log.error(
					"job {} not triggered: its lock in MongoDB could not be taken, so no replica fires this "
							+ "schedule; trigger it by hand with POST /api/v1/workflow/jobs/{}/trigger",
					job.name(), job.name(), ex);
			return;
		}
		if (held.isEmpty()) {
			log.info("job {} not triggered here: another replica holds its lock", job.name());
			return;
		}
		try {
			this.publisher.publish(job.name(), List.of(), TRIGGERED_BY);
		}
		catch (TriggerNotPublishedException ex) {
			// Logged and counted by the publisher.
		}
		finally {
			held.get().unlock();
		}
	}

}
