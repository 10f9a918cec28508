package io.modelmonitoring.eventconsumers.config;

import java.time.Duration;
import java.util.Map;

import io.modelmonitoring.eventconsumers.alerting.AlertingProperties;
import io.modelmonitoring.eventconsumers.audit.AuditLogProperties;
import io.modelmonitoring.eventconsumers.messaging.MessagingProperties;
import io.modelmonitoring.testsupport.ShippedConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings as the shipped application.yml and the environment give them: the
 * contract's names and the documented defaults when nothing is set, and the variables
 * docs/configuration.md names set the keys, with no line of their own in application.yml.
 */
class ShippedConfigurationTests {

	@Test
	void theDefaultsAreTheContractsNamesAndBothConsumersAreOff() {
		AuditLogProperties audit = audit(Map.of());
		assertThat(audit.connectionString()).isNull();
		assertThat(audit.localPath()).isNull();
		assertThat(audit.container()).isEqualTo("ml-audit");
		assertThat(audit.prefix()).isEqualTo("/ml_audit_log");
		assertThat(audit.queue()).isEqualTo("ml_audit_log");
		assertThat(audit.errorQueue()).isEqualTo("ml_audit_log.errors");
		assertThat(audit.retry().maxAttempts()).isEqualTo(5);
		AlertingProperties alerting = alerting(Map.of());
		assertThat(alerting.alertmanagerUrl()).isNull();
		assertThat(alerting.resolveAfter()).isEqualTo(Duration.ofDays(8));
		assertThat(alerting.severity().volumeDropped()).isEqualTo("critical");
		assertThat(alerting.severity().driftDetected()).isEqualTo("warning");
		assertThat(alerting.queue()).isEqualTo("ml_alert_forwarder");
		assertThat(alerting.errorQueue()).isEqualTo("ml_alert_forwarder.errors");
		MessagingProperties messaging = messaging(Map.of());
		assertThat(messaging.exchange()).isEqualTo("coder_events");
		assertThat(messaging.maxMessageSize()).isEqualTo(DataSize.ofMegabytes(1));
	}

	@Test
	void theDocumentedEnvironmentVariablesSetTheKeys() {
		Map<String, Object> environment = Map.ofEntries(
				Map.entry("AUDIT_LOG_CONNECTION_STRING", "UseDevelopmentStorage=true"),
				Map.entry("AUDIT_LOG_CONTAINER", "audit"), Map.entry("AUDIT_LOG_PREFIX", "/trail"),
				Map.entry("AUDIT_LOG_RETRY_MAX_ATTEMPTS", "7"),
				Map.entry("ALERTING_ALERTMANAGER_URL", "http://alertmanager:9093"),
				Map.entry("ALERTING_RUNBOOK_BASE_URL", "https://example.com/runbook.md"),
				Map.entry("ALERTING_RESOLVE_AFTER", "15d"), Map.entry("ALERTING_SEVERITY_VOLUME_DROPPED", "page"),
				Map.entry("ALERTING_RETRY_INITIAL_DELAY", "5s"), Map.entry("MESSAGING_EXCHANGE", "events"),
				Map.entry("MESSAGING_MAX_MESSAGE_SIZE", "2MB"));

		AuditLogProperties audit = audit(environment);
		assertThat(audit.connectionString()).isEqualTo("UseDevelopmentStorage=true");
		assertThat(audit.container()).isEqualTo("audit");
		assertThat(audit.prefix()).isEqualTo("/trail");
		assertThat(audit.retry().maxAttempts()).isEqualTo(7);
		AlertingProperties alerting = alerting(environment);
		assertThat(alerting.alertmanagerUrl()).isEqualTo("http://alertmanager:9093");
		assertThat(alerting.runbookBaseUrl()).isEqualTo("https://example.com/runbook.md");
		assertThat(alerting.resolveAfter()).isEqualTo(Duration.ofDays(15));
		assertThat(alerting.severity().volumeDropped()).isEqualTo("page");
		assertThat(alerting.retry().initialDelay()).isEqualTo(Duration.ofSeconds(5));
		assertThat(messaging(environment).exchange()).isEqualTo("events");
		assertThat(messaging(environment).maxMessageSize()).isEqualTo(DataSize.ofMegabytes(2));
	}

	@Test
	void theConnectionStringNeverShowsInTheSettingsString() {
		AuditLogProperties audit = audit(Map.of("AUDIT_LOG_CONNECTION_STRING", "AccountKey=very-secret"));
		assertThat(audit.toString()).doesNotContain("very-secret").contains("connectionString=(set)");
	}

	private static AuditLogProperties audit(Map<String, Object> environment) {
		return ShippedConfiguration.bind("audit-log", AuditLogProperties.class, environment, Map.of());
	}

	private static AlertingProperties alerting(Map<String, Object> environment) {
		return ShippedConfiguration.bind("alerting", AlertingProperties.class, environment, Map.of());
	}

	private static MessagingProperties messaging(Map<String, Object> environment) {
		return ShippedConfiguration.bind("messaging", MessagingProperties.class, environment, Map.of());
	}

}
