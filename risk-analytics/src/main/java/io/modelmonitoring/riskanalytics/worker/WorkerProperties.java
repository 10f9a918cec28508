package io.modelmonitoring.riskanalytics.worker;

import java.time.Duration;

import io.modelmonitoring.contracts.MessagingNames;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker consumes triggers ({@code batch_jobs.worker.*}); the queue it consumes
 * is {@code messaging.batch_jobs_queue} ({@link MessagingProperties}).
 *
 * @param errorQueue the durable queue a trigger that ended in failure is republished to,
 * with the exception in its headers
 * @param concurrency how many triggers run at the same time (each consumer takes one
 * message at a time)
 * @param shutdownTimeout how long a stopping worker waits for the job in flight; after
 * that its channel is closed and the unacknowledged trigger goes back to the queue
 * @param maxMessageSize the largest message body read as a trigger; a larger one is an
 * invalid trigger, refused before it is parsed. The default holds the largest trigger the
 * contract allows (1,000 tenant ids of 128 characters, about 134 KB) with room to spare,
 * as ml-service's and the orchestrator's {@code security.max_request_body} do
 */
@Validated
@ConfigurationProperties("batch-jobs.worker")
public record WorkerProperties(@DefaultValue(MessagingNames.BATCH_JOBS_ERROR_QUEUE) @NotBlank String errorQueue,
		@DefaultValue("1") @Min(1) @Max(64) int concurrency,
		@DefaultValue("30s") @NotNull @DurationMin(millis = 0) Duration shutdownTimeout,
		@DefaultValue("256KB") @NotNull DataSize maxMessageSize) {

	static final String MAX_MESSAGE_SIZE_KEY = "batch_jobs.worker.max_message_size";

	/** Smaller than this, not even a minimal trigger with a few tenant ids fits. */
	static final DataSize MIN_MESSAGE_SIZE = DataSize.ofKilobytes(1);

	public WorkerProperties {
		if (maxMessageSize != null && maxMessageSize.compareTo(MIN_MESSAGE_SIZE) < 0) {
			throw new IllegalArgumentException(MAX_MESSAGE_SIZE_KEY + " must be at least 1KB, not " + maxMessageSize);
		}
	}

}
