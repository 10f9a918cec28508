package io.modelmonitoring.eventconsumers.alerting;

import java.time.Duration;

import io.modelmonitoring.contracts.MessagingNames;
import io.modelmonitoring.eventconsumers.messaging.ConsumerRetry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * The Alertmanager forwarder ({@code alerting.*}): off until {@code alertmanager_url} is
 * set.
 *
 * @param alertmanagerUrl Alertmanager's base URL, e.g. {@code http://alertmanager:9093};
 * alerts are posted to {@code <url>/api/v2/alerts}; empty: the forwarder is off
 * @param runbookBaseUrl the runbook's absolute URL, without fragment; each alert's
 * {@code runbook_url} is it plus the alert's anchor; empty: no {@code runbook_url}
 * @param resolveAfter how long a fired alert lasts unless renewed: the next weekly run
 * that finds it again renews it, a resolved event ends it at once
 * @param severity the {@code severity} label of each alert
 * @param connectTimeout how long to wait for a connection to Alertmanager
 * @param readTimeout how long to wait for its answer
 * @param queue the durable queue consumed, bound to the exchange for the detected,
 * resolved and recovered events
 * @param errorQueue where an event that cannot be forwarded is parked
 * @param retry how often a post Alertmanager did not take is tried again before the event
 * is parked
 */
@Validated
@ConfigurationProperties("alerting")
public record AlertingProperties(
		@Pattern(regexp = HTTP_URL,
				message = "must be empty or an http(s) URL such as http://alertmanager:9093") String alertmanagerUrl,
		@Pattern(regexp = HTTP_URL_NO_FRAGMENT,
				message = "must be empty or an http(s) URL without a fragment (#), such as https://github.com/org/repo/blob/main/docs/runbooks/model-monitoring.md") String runbookBaseUrl,
		@DefaultValue("8d") @NotNull @DurationMin(minutes = 1) Duration resolveAfter,
		@DefaultValue @Valid @NestedConfigurationProperty Severity severity,
		@DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
		@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration readTimeout,
		@DefaultValue(MessagingNames.ML_ALERT_FORWARDER_QUEUE) @NotBlank String queue,
		@DefaultValue(MessagingNames.ML_ALERT_FORWARDER_ERROR_QUEUE) @NotBlank String errorQueue,
		@DefaultValue @Valid @NestedConfigurationProperty ConsumerRetry retry) {

	static final String HTTP_URL = "^$|^https?://[^\\s/]+(/\\S*)?$";

	static final String HTTP_URL_NO_FRAGMENT = "^$|^https?://[^\\s/#]+(/[^\\s#]*)?$";

	boolean enabled() {
		return StringUtils.hasText(this.alertmanagerUrl);
	}

	/**
	 * The {@code severity} label of each alert.
	 *
	 * @param driftDetected of {@code ModelDriftDetected}
	 * @param performanceDegraded of {@code ModelPerformanceDegraded}
	 * @param volumeDropped of {@code ModelVolumeDropped}
	 * @param evaluationStale of {@code ModelEvaluationStale}
	 */
	public record Severity(@DefaultValue("warning") @NotBlank String driftDetected,
			@DefaultValue("warning") @NotBlank String performanceDegraded,
			@DefaultValue("critical") @NotBlank String volumeDropped,
			@DefaultValue("warning") @NotBlank String evaluationStale) {

		String of(AlertName alert) {
			return switch (alert) {
				case MODEL_DRIFT_DETECTED -> this.driftDetected;
				case MODEL_PERFORMANCE_DEGRADED -> this.performanceDegraded;
				case MODEL_VOLUME_DROPPED -> this.volumeDropped;
				case MODEL_EVALUATION_STALE -> this.evaluationStale;
			};
		}

	}

}
