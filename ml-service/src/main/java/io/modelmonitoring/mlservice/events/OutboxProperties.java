package io.modelmonitoring.mlservice.events;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The event outbox ({@code messaging.outbox.*}).
 *
 * @param relayInterval how often pending events are looked for and published again
 * @param relayBatch how many events the relay takes and publishes at a time; a pass takes
 * batch after batch while the broker confirms them all
 * @param claim how long a publisher (a run, or the relay) owns the events it is
 * publishing; another takes them over once it has passed
 */
@Validated
@ConfigurationProperties("messaging.outbox")
public record OutboxProperties(@DefaultValue("5s") @NotNull Duration relayInterval,
		@DefaultValue("100") @Min(1) @Max(10000) int relayBatch, @DefaultValue("2m") @NotNull Duration claim) {
}
