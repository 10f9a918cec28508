package io.modelmonitoring.eventconsumers.config;

import io.modelmonitoring.eventconsumers.EventConsumersApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** An invalid setting fails start-up, and the failure names the key as it was written. */
class ConfigurationValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
				ValidationAutoConfiguration.class))
		.withUserConfiguration(PropertiesOnly.class);

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			alerting.alertmanager_url         | alertmanager:9093
			alerting.alertmanager_url         | ftp://alertmanager
			alerting.runbook_base_url         | https://github.com/org/repo/blob/main/runbook.md#alerts
			alerting.resolve_after            | 0s
			alerting.read_timeout             | 0s
			alerting.queue                    | ''
			audit_log.container               | ML_Audit
			audit_log.container               | ab
			audit_log.prefix                  | /ml_audit_log/../other
			audit_log.error_queue             | ' '
			messaging.exchange                | ''
			messaging.confirm_timeout         | 0s
			""")
	void anInvalidValueFailsNamingTheKey(String key, String value) {
		this.runner.withPropertyValues(key + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("\"" + key + "\"");
		});
	}

	/**
	 * Keys of a nested group: Boot names the group and the field's path in it
	 * ({@code alerting}, {@code severity.volumeDropped}).
	 */
	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			alerting.severity.volume_dropped  | ' '  | alerting  | severity.volumeDropped
			alerting.retry.max_attempts       | 0    | alerting  | retry.maxAttempts
			alerting.retry.multiplier         | 0.5  | alerting  | retry.multiplier
			audit_log.retry.initial_delay     | -1s  | audit-log | retry.initialDelay
			""")
	void anInvalidNestedValueFailsNamingItsGroupAndField(String key, String value, String group, String field) {
		this.runner.withPropertyValues(key + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("object '" + group + "' on field '" + field + "'");
		});
	}

	@Test
	void aMessageSizeBoundOfZeroFailsNamingTheKey() {
		this.runner.withPropertyValues("messaging.max_message_size=0B")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("messaging.max_message_size must be at least 1 byte"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			alerting.alertmanager_url         | ''
			alerting.alertmanager_url         | http://alertmanager:9093
			alerting.alertmanager_url         | https://alerts.example.com/alertmanager
			alerting.runbook_base_url         | https://github.com/org/repo/blob/main/docs/runbooks/model-monitoring.md
			audit_log.prefix                  | ''
			audit_log.prefix                  | audit/ml
			""")
	void validValuesStart(String key, String value) {
		this.runner.withPropertyValues(key + "=" + value).run((context) -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@ConfigurationPropertiesScan(basePackageClasses = EventConsumersApplication.class)
	static class PropertiesOnly {

	}

}
