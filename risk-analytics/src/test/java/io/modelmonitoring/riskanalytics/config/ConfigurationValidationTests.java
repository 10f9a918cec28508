package io.modelmonitoring.riskanalytics.config;

import io.modelmonitoring.riskanalytics.RiskAnalyticsApplication;
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
			services.ml_service.url            | ftp://ml-service
			services.ml_service.url            | ml-service:8083
			services.ml_service.read_timeout   | 0s
			batch_jobs.retry.max_attempts      | 0
			batch_jobs.retry.multiplier        | 0.5
			batch_jobs.retry.initial_delay     | -1s
			batch_jobs.worker.concurrency      | 0
			batch_jobs.worker.queue            | ' '
			messaging.exchange                 | ''
			""")
	void anInvalidValueFailsNamingTheKey(String key, String value) {
		this.runner.withPropertyValues(key + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			// Boot names the key as it was written: 'origin
			// "batch_jobs.retry.max_attempts"'
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("\"" + key + "\"");
		});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			services.ml_service.url            | ''
			services.ml_service.url            | http://ml-service:8083
			services.ml_service.url            | https://ml.example.com/base
			""")
	void validValuesStart(String key, String value) {
		this.runner.withPropertyValues(key + "=" + value).run((context) -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@ConfigurationPropertiesScan(basePackageClasses = RiskAnalyticsApplication.class)
	static class PropertiesOnly {

	}

}
