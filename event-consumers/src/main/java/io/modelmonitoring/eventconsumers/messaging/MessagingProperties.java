package io.modelmonitoring.eventconsumers.messaging;

import java.time.Duration;

import io.modelmonitoring.contracts.MessagingNames;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where the consumed messages come from ({@code messaging.*}), the same exchange and
 * confirm timeout as every service; the defaults are the contract's
 * ({@link MessagingNames}). Each consumer's queue and error queue are its own keys
 * ({@code audit_log.*}, {@code alerting.*}).
 *
 * @param exchange the durable topic exchange the consumers' queues are bound to
 * @param confirmTimeout how long parking a message in an error queue waits for the
 * broker's confirm
 * @param maxMessageSize the largest message body a consumer takes; a larger one is parked
 * at once, unread
 */
@Validated
@ConfigurationProperties("messaging")
public record MessagingProperties(@DefaultValue(MessagingNames.DEFAULT_EXCHANGE) @NotBlank String exchange,
		@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration confirmTimeout,
		@DefaultValue("1MB") @NotNull DataSize maxMessageSize) {

	public MessagingProperties {
		if (maxMessageSize != null && maxMessageSize.toBytes() < 1) {
			throw new IllegalArgumentException("messaging.max_message_size must be at least 1 byte");
		}
	}

}
