package io.modelmonitoring.riskanalytics.worker;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How often a job that failed transiently is tried again ({@code batch_jobs.retry.*}):
 * delays grow from {@code initialDelay} by {@code multiplier}, capped at
 * {@code maxDelay}. The defaults wait 10, 20, 40, 80 and 160 s: 310 s in all, longer than
 * a crashed ml-service's run stays leased (2 min) plus the wait of a repeat for it (60
 * s), so that the last attempt finds the run free to take over (docs/reliability.md).
 *
 * @param maxAttempts attempts in all, the first included (1: no retry)
 * @param initialDelay the wait before the second attempt
 * @param multiplier the factor each further wait grows by
 * @param maxDelay the longest wait between two attempts
 * @param redeliveredRequeueFor a redelivered trigger whose retries end in a transient
 * failure goes back to the queue (an earlier delivery may have completed its run) while
 * it is younger than this by its {@code timestamp}; an older one, or one without a
 * timestamp, is reported failed, so that no trigger waits in the queue without end
 */
@Validated
@ConfigurationProperties("batch-jobs.retry")
public record RetryProperties(@DefaultValue("6") @Min(1) @Max(100) int maxAttempts,
		@DefaultValue("10s") @NotNull @DurationMin(millis = 0) Duration initialDelay,
		@DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
		@DefaultValue("5m") @NotNull @DurationMin(millis = 0) Duration maxDelay,
		@DefaultValue("6h") @NotNull @DurationMin(millis = 0) Duration redeliveredRequeueFor) {

	/**
	 * How long the retries of one trigger wait in all, between its first attempt and its
	 * last, not counting the attempts themselves.
	 */
	public Duration totalDelay() {
		Duration total = Duration.ZERO;
		double delay = this.initialDelay.toNanos();
		for (int retry = 1; retry < this.maxAttempts; retry++) {
			total = total.plusNanos((long) Math.min(delay, this.maxDelay.toNanos()));
			delay *= this.multiplier;
		}
		return total;
	}

}
