package io.modelmonitoring.riskanalytics.worker;

import java.time.Duration;

import io.modelmonitoring.contracts.MessagingNames;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where messages go ({@code messaging.*}). The defaults are the contract's names
 * ({@link MessagingNames}).
 *
 * @param exchange the durable topic exchange triggers arrive on and outcomes are
 * published to
 * @param batchJobsQueue the durable queue consumed, bound to the exchange for
 * {@code workflow.job.trigger}; the orchestrator declares it under the same key
 * @param confirmTimeout how long to wait for the broker to confirm a published message
 */
@Validated
@ConfigurationProperties("messaging")
public record MessagingProperties(@DefaultValue(MessagingNames.DEFAULT_EXCHANGE) @NotBlank String exchange,
		@DefaultValue(MessagingNames.BATCH_JOBS_QUEUE) @NotBlank String batchJobsQueue,
		@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration confirmTimeout) {
}
