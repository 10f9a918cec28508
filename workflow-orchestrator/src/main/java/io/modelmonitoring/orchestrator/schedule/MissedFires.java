package io.modelmonitoring.orchestrator.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.modelmonitoring.orchestrator.schedule.ScheduledFires.Fire;
import io.modelmonitoring.orchestrator.trigger.JobTriggerPublisher;
import io.modelmonitoring.orchestrator.trigger.TriggerMetrics;
import io.modelmonitoring.orchestrator.trigger.TriggerNotPublishedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The misfire policy: a scheduled fire whose trigger could not be published when it came
 * is kept and tried again every {@code batch_jobs.misfire_retry_interval}, with the same
 * trigger id and its scheduled time, until its deadline ({@code batch_jobs.misfire_grace}
 * after its time, and never past the job's next fire); then it is given up, logged and
 * counted in {@code batch_job_trigger_failures_total}. Fires are kept in MongoDB
 * ({@link ScheduledFires}), so that one replica publishes each once; a fire MongoDB could
 * not take when it came is kept in memory until it can, by every replica that saw it, and
 * recorded once.
 */
@Component
class MissedFires implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(MissedFires.class);

	private final ScheduledFires fires;

	private final JobTriggerPublisher publisher;

	private final TriggerMetrics metrics;

	private final BatchJobsProperties properties;

	private final Clock clock;

	/** Fires MongoDB could not take yet, by id: one each, however often it was seen. */
	private final Map<String, Unrecorded> unrecorded = new ConcurrentHashMap<>();

	MissedFires(ScheduledFires fires, JobTriggerPublisher publisher, TriggerMetrics metrics,
			BatchJobsProperties properties, Clock clock) {
		this.fires = fires;
		this.publisher = publisher;
		this.metrics = metrics;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::retry, this.properties.misfireRetryInterval());
	}

	/**
	 * A recorded fire this replica could not publish: released for the next try, or given
	 * up when its deadline has passed already.
	 */
	void notPublished(Fire fire, String failure) {
		if (fire.expired(this.clock.instant())) {
			giveUp(fire, failure);
			return;
		}
		try {
			this.fires.release(fire, failure);
		}
		catch (RuntimeException ex) {
			log.warn("job {}: the fire of {} could not be released in MongoDB ({}); it is tried again once its claim "
					+ "lapses (batch_jobs.lock.at_most_for)", fire.job(), fire.scheduledFor(), ex.getMessage());
		}
		log.warn(
				"job {} not triggered yet for {}: trigger {} not published ({}); it is tried again every {} "
						+ "until {} (batch_jobs.misfire_grace)",
				fire.job(), fire.scheduledFor(), fire.triggerId(), failure, this.properties.misfireRetryInterval(),
				fire.deadline());
	}

	/**
	 * A fire MongoDB could not take (no lock, no record): kept here and recorded once
	 * MongoDB is back, or given up when its deadline has passed.
	 */
	void notRecorded(Fire fire, String failure) {
		if (!fire.expired(this.clock.instant())) {
			this.unrecorded.putIfAbsent(fire.id(), new Unrecorded(fire, failure));
			log.warn(
					"job {} not triggered yet for {}: {}; the fire is kept and published once MongoDB is back, "
							+ "until {} (batch_jobs.misfire_grace)",
					fire.job(), fire.scheduledFor(), failure, fire.deadline());
			return;
		}
		giveUp(fire, TriggerMetrics.LOCK, failure);
	}

	/**
	 * One pass: records the fires kept in memory, then publishes the recorded ones that
	 * are due, oldest first, until the broker fails one.
	 */
	void retry() {
		try {
			recordKept();
			publishDue();
		}
		catch (RuntimeException ex) {
			log.warn("missed fires not retried this time, next in {}: {}", this.properties.misfireRetryInterval(),
					ex.getMessage());
		}
	}

	private void recordKept() {
		for (Unrecorded kept : this.unrecorded.values()) {
			Fire fire = kept.fire();
			if (fire.expired(this.clock.instant())) {
				this.unrecorded.remove(fire.id());
				giveUp(fire, TriggerMetrics.LOCK, kept.failure());
				continue;
			}
			if (!this.fires.recordUnclaimed(fire)) {
				log.info("job {}: the fire of {} is recorded already by another replica", fire.job(),
						fire.scheduledFor());
			}
			this.unrecorded.remove(fire.id());
		}
	}

	private void publishDue() {
		for (Optional<ScheduledFires.Due> due = this.fires.claimDue(); due.isPresent(); due = this.fires.claimDue()) {
			Fire fire = due.get().fire();
			if (fire.expired(this.clock.instant())) {
				giveUp(fire, due.get().lastError());
				continue;
			}
			String failure;
			try {
				failure = this.publisher.tryPublish(fire.trigger());
			}
			catch (TriggerNotPublishedException ex) {
				failure = ex.getMessage();
			}
			if (failure != null) {
				notPublished(fire, failure);
				return;
			}
			this.fires.published(fire);
			log.info("job {} triggered late for {}: trigger {} published {} after its time", fire.job(),
					fire.scheduledFor(), fire.triggerId(),
					Duration.between(fire.scheduledFor(), this.clock.instant()).truncatedTo(ChronoUnit.MILLIS));
		}
	}

	/** Gives a recorded fire up: its deadline has passed. */
	private void giveUp(Fire fire, String failure) {
		this.fires.givenUp(fire);
		giveUp(fire, TriggerMetrics.PUBLISH, failure);
	}

	private void giveUp(Fire fire, String reason, String failure) {
		this.metrics.failed(fire.job(), reason);
		log.error(
				"job {} not triggered for {}: given up, not published by {} (batch_jobs.misfire_grace {} after "
						+ "its time, or the job's next fire if sooner); last failure: {}; trigger it by hand with "
						+ "POST /api/v1/workflow/jobs/{}/trigger",
				fire.job(), fire.scheduledFor(), fire.deadline(), this.properties.misfireGrace(), failure, fire.job());
	}

	private record Unrecorded(Fire fire, String failure) {
	}

}
