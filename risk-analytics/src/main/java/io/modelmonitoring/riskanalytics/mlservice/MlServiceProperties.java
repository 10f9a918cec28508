package io.modelmonitoring.riskanalytics.mlservice;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.springframework.util.StringUtils;

/**
 * How ml-service is reached ({@code services.ml_service.*}).
 *
 * @param url ml-service's base URL, e.g. {@code http://ml-service:8083}; empty means not
 * configured: the service starts, and every model-monitoring trigger fails at once
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the run's answer: a run over many tenants takes
 * minutes
 */
@Validated
@ConfigurationProperties("services.ml-service")
public record MlServiceProperties(
		@Pattern(regexp = "^$|^https?://[^\\s/]+(/\\S*)?$",
				message = "must be empty or an http(s) URL such as http://ml-service:8083") String url,
		@DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
		@DefaultValue("30m") @NotNull @DurationMin(millis = 1) Duration readTimeout) {

	boolean configured() {
		return StringUtils.hasText(this.url);
	}

}
