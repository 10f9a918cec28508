package io.modelmonitoring.riskanalytics.worker;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where messages go ({@code messaging.*}).
 *
 * @param exchange the durable topic exchange triggers arrive on and outcomes are
 * published to
 * @param confirmTimeout how long to wait for the broker to confirm a published message
 */
@Validated
@ConfigurationProperties("messaging")
public record MessagingProperties(@DefaultValue("coder_events") @NotBlank String exchange,
		@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration confirmTimeout) {
}
