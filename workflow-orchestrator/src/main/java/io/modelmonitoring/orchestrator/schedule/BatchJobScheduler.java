package io.modelmonitoring.orchestrator.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.modelmonitoring.orchestrator.schedule.ScheduledFires.Fire;
import io.modelmonitoring.orchestrator.trigger.JobTriggerPublisher;
import io.modelmonitoring.orchestrator.trigger.TriggerNotPublishedException;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.config.TriggerTask;
import org.springframework.stereotype.Component;

/**
 * Publishes each scheduled job's trigger on its cron schedule. Every replica runs the
 * schedule; the one that takes the job's lock in MongoDB (ShedLock, collection
 * {@code shedlock}) records the fire ({@link ScheduledFires}) and publishes its trigger,
 * the others skip that fire. The lock is held at least
 * {@code batch_jobs.lock.at_least_for}, so that a replica whose clock runs behind does
 * not fire the same schedule again. A fire whose trigger cannot be published now (the
 * broker, or MongoDB, out of reach) is not lost: {@link MissedFires} publishes it later,
 * within {@code batch_jobs.misfire_grace}.
 */
@Component
class BatchJobScheduler implements SchedulingConfigurer {

	/** The trigger's {@code triggeredBy} when the schedule fired it. */
	static final String TRIGGERED_BY = "schedule";

	private static final Logger log = LoggerFactory.getLogger(BatchJobScheduler.class);

	private final BatchJobsProperties properties;

	private final LockProvider locks;

	private final ScheduledFires fires;

	private final MissedFires missed;

	private final JobTriggerPublisher publisher;

	private final Clock clock;

	BatchJobScheduler(BatchJobsProperties properties, LockProvider locks, ScheduledFires fires, MissedFires missed,
			JobTriggerPublisher publisher, Clock clock) {
		this.properties = properties;
		this.locks = locks;
		this.fires = fires;
		this.missed = missed;
		this.publisher = publisher;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		for (ScheduledJob job : this.properties.jobs()) {
			CronSchedule schedule = job.schedule();
			FireTimeTrigger trigger = new FireTimeTrigger(schedule);
			registrar.addTriggerTask(new TriggerTask(() -> fire(job, trigger.scheduled()), trigger));
			log.info("job {} scheduled on '{}' (runs as '{}') in {}; next fire at {}", job.name(),
					schedule.configured(), schedule.normalized(), schedule.zone(),
					schedule.nextFireTime(this.clock.instant()));
		}
	}

	/**
	 * One fire of a job's schedule: if this replica takes the lock, it records the fire
	 * and publishes its trigger, whose timestamp is the time the fire was scheduled for.
	 * Failures are kept for later or counted, never thrown: the next fire must still
	 * happen.
	 * @param scheduledFor the time the schedule fired for
	 */
	void fire(ScheduledJob job, Instant scheduledFor) {
		Fire fire = Fire.of(job, scheduledFor, this.properties.misfireGrace());
		BatchJobsProperties.Lock lock = this.properties.lock();
		Optional<SimpleLock> held;
		try {
			held = this.locks
				.lock(new LockConfiguration(this.clock.instant(), job.name(), lock.atMostFor(), lock.atLeastFor()));
		}
		catch (RuntimeException ex) {
			this.missed.notRecorded(fire, "its lock in MongoDB could not be taken (" + ex.getMessage() + ")");
			return;
		}
		if (held.isEmpty()) {
			log.info("job {} not triggered here: another replica holds its lock", job.name());
			return;
		}
		try {
			publish(fire);
		}
		catch (RuntimeException ex) {
			log.error("job {}: the fire of {} failed unexpectedly", job.name(), scheduledFor, ex);
		}
		finally {
			held.get().unlock();
		}
	}

	private void publish(Fire fire) {
		boolean recorded;
		try {
			recorded = this.fires.recordClaimed(fire);
		}
		catch (RuntimeException ex) {
			this.missed.notRecorded(fire, "it could not be recorded in MongoDB (" + ex.getMessage() + ")");
			return;
		}
		if (!recorded) {
			log.info("job {} not triggered here: its fire of {} is recorded already", fire.job(), fire.scheduledFor());
			return;
		}
		String failure;
		try {
			failure = this.publisher.tryPublish(fire.trigger());
		}
		catch (TriggerNotPublishedException ex) {
			failure = ex.getMessage();
		}
		if (failure != null) {
			this.missed.notPublished(fire, failure);
			return;
		}
		try {
			this.fires.published(fire);
		}
		catch (RuntimeException ex) {
			log.warn(
					"job {}: trigger {} was published but could not be marked so in MongoDB ({}); it may be "
							+ "published again with the same id once its claim lapses",
					fire.job(), fire.triggerId(), ex.getMessage());
		}
	}

}
