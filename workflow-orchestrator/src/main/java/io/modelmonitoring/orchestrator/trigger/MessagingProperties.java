package io.modelmonitoring.orchestrator.trigger;

import java.time.Duration;

import io.modelmonitoring.contracts.MessagingNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where triggers go and how hard the orchestrator tries ({@code messaging.*}). The
 * defaults are the contract's names ({@link MessagingNames}).
 *
 * @param exchange {@code messaging.exchange}: the durable topic exchange every message is
 * published to
 * @param batchJobsQueue {@code messaging.batch_jobs_queue}: the durable queue the worker
 * consumes, declared and bound here too so that no trigger is dropped for want of it
 * @param confirmTimeout {@code messaging.confirm_timeout}: how long one attempt waits for
 * the broker's confirm
 * @param publish how each trigger is published
 */
@Validated
@ConfigurationProperties("messaging")
public record MessagingProperties(@DefaultValue(MessagingNames.DEFAULT_EXCHANGE) @NotBlank String exchange,
		@DefaultValue(MessagingNames.BATCH_JOBS_QUEUE) @NotBlank String batchJobsQueue,
		@DefaultValue("10s") @NotNull Duration confirmTimeout, @DefaultValue @Valid @NotNull Publish publish) {

	/**
	 * Publishing one trigger: each attempt waits for the broker's confirm; an attempt
	 * that fails (no connection, refused, returned as unroutable, no confirm in time) is
	 * retried after a backoff that doubles.
	 *
	 * @param attempts {@code messaging.publish.attempts}: attempts in all, at least 1
	 * @param backoff {@code messaging.publish.backoff}: the wait before the second
	 * attempt
	 */
	public record Publish(@DefaultValue("3") @Min(1) @Max(10) int attempts,
			@DefaultValue("1s") @NotNull Duration backoff) {
	}

}
