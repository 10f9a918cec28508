package io.modelmonitoring.mlservice.events;

import java.time.Duration;

import io.modelmonitoring.contracts.MessagingNames;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where events go ({@code messaging.*}). The exchange's default is the contract's
 * ({@link MessagingNames}).
 *
 * @param exchange the durable topic exchange every message is published to
 * @param confirmTimeout how long to wait for the broker to confirm a published event
 */
@Validated
@ConfigurationProperties("messaging")
public record MessagingProperties(@DefaultValue(MessagingNames.DEFAULT_EXCHANGE) @NotBlank String exchange,
		@DefaultValue("10s") @NotNull Duration confirmTimeout) {
}
