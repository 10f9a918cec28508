package io.modelmonitoring.eventconsumers.messaging;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.retry.RetryPolicy;

/**
 * How often a consumer tries a message whose handling failed (the blob store or
 * Alertmanager did not answer) before it parks it in its error queue: delays grow from
 * {@code initialDelay} by {@code multiplier}, capped at {@code maxDelay}. The tries
 * happen in the listener, before the message is acknowledged.
 *
 * @param maxAttempts tries in all, the first included (1: no retry)
 * @param initialDelay the wait before the second try
 * @param multiplier the factor each further wait grows by
 * @param maxDelay the longest wait between two tries
 */
public record ConsumerRetry(@DefaultValue("5") @Min(1) @Max(100) int maxAttempts,
		@DefaultValue("1s") @NotNull @DurationMin(millis = 0) Duration initialDelay,
		@DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
		@DefaultValue("30s") @NotNull @DurationMin(millis = 0) Duration maxDelay) {

	/**
	 * The policy of Spring AMQP's retry interceptor: these tries and delays, for every
	 * failure but a {@link RejectedMessageException}, which no retry mends.
	 */
	RetryPolicy policy() {
		return RetryPolicy.builder()
			.maxRetries(this.maxAttempts - 1)
			.delay(this.initialDelay)
			.multiplier(this.multiplier)
			.maxDelay(this.maxDelay)
			.predicate((failure) -> RejectedMessageException.in(failure) == null)
			.build();
	}

}
