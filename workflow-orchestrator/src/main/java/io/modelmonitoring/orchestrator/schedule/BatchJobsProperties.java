package io.modelmonitoring.orchestrator.schedule;

import java.time.Duration;
import java.util.List;

import io.modelmonitoring.contracts.MessageTypes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the batch jobs run ({@code batch_jobs.*}). The cron expression and the zone are
 * checked while binding, so that a bad value stops start-up with a message naming the key
 * and the value.
 *
 * @param modelMonitoringCron {@code batch_jobs.model_monitoring_cron}: 5-field Unix or
 * 6-field Spring cron
 * @param timezone {@code batch_jobs.timezone}: the zone the cron expressions are read in
 * @param lock how long a replica holds the job's lock in MongoDB
 * @param misfireGrace {@code batch_jobs.misfire_grace}: how long after its scheduled time
 * a fire whose trigger could not be published (RabbitMQ or MongoDB out of reach) is still
 * published, and never once the job's next fire has come; 0: given up at once
 * @param misfireRetryInterval {@code batch_jobs.misfire_retry_interval}: how often a
 * missed fire is tried again
 */
@Validated
@ConfigurationProperties("batch-jobs")
public record BatchJobsProperties(@DefaultValue("0 6 * * 0") String modelMonitoringCron,
		@DefaultValue("UTC") String timezone, @DefaultValue @Valid @NotNull Lock lock,
		@DefaultValue("6h") @NotNull Duration misfireGrace,
		@DefaultValue("30s") @NotNull Duration misfireRetryInterval) {

	static final String CRON_KEY = "batch_jobs.model_monitoring_cron";

	static final String TIMEZONE_KEY = "batch_jobs.timezone";

	public BatchJobsProperties {
		CronSchedule.parse(CRON_KEY, modelMonitoringCron, TIMEZONE_KEY, timezone);
		if (misfireGrace != null && misfireGrace.isNegative()) {
			throw new IllegalArgumentException("batch_jobs.misfire_grace must not be negative, not " + misfireGrace);
		}
		if (misfireRetryInterval != null && (misfireRetryInterval.isNegative() || misfireRetryInterval.isZero())) {
			throw new IllegalArgumentException(
					"batch_jobs.misfire_retry_interval must be positive, not " + misfireRetryInterval);
		}
	}

	/** The scheduled jobs: so far the one, model-monitoring. */
	public List<ScheduledJob> jobs() {
		return List.of(new ScheduledJob(MessageTypes.MODEL_MONITORING_JOB,
				CronSchedule.parse(CRON_KEY, this.modelMonitoringCron, TIMEZONE_KEY, this.timezone)));
	}

	/**
	 * The ShedLock lock that lets one replica of several fire each schedule.
	 *
	 * @param atMostFor {@code batch_jobs.lock.at_most_for}: how long a lock lasts when
	 * its holder dies before releasing it; longer than a trigger takes to publish with
	 * all its retries
	 * @param atLeastFor {@code batch_jobs.lock.at_least_for}: how long a lock is held
	 * even when publishing took less; covers the clock skew between replicas, and must be
	 * shorter than the interval between two fires
	 */
	public record Lock(@DefaultValue("30m") @NotNull Duration atMostFor,
			@DefaultValue("5m") @NotNull Duration atLeastFor) {

		public Lock {
			if (atMostFor != null && atLeastFor != null && atLeastFor.compareTo(atMostFor) > 0) {
				throw new IllegalArgumentException("batch_jobs.lock.at_least_for (" + atLeastFor
						+ ") must not be longer than batch_jobs.lock.at_most_for (" + atMostFor + ")");
			}
		}

	}

}
