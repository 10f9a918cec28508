package io.modelmonitoring.riskanalytics.config;

import io.modelmonitoring.riskanalytics.RiskAnalyticsApplication;
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
		.withUserConfiguration(PropertiesOnly.class)
		.withPropertyValues("security.jwt.hmac_secret=test-secret-for-the-integration-tests-0123456789");

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			services.ml_service.url            | ftp://ml-service
			services.ml_service.url            | ml-service:8083
			services.ml_service.read_timeout   | 0s
			batch_jobs.retry.max_attempts      | 0
			batch_jobs.retry.multiplier        | 0.5
			batch_jobs.retry.initial_delay     | -1s
			batch_jobs.worker.concurrency      | 0
			messaging.batch_jobs_queue         | ' '
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

	/** The security keys' own messages name them; none echoes a secret. */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					no secret and no issuer  | security.jwt.hmac_secret=                          | security.jwt.hmac_secret (env SECURITY_JWT_HMAC_SECRET) or security.client.token_uri
					a short secret           | security.jwt.hmac_secret=short-secret               | security.jwt.hmac_secret must be at least 32 bytes
					a secret and a token URI | security.client.token_uri=https://issuer.test/token | security.jwt.hmac_secret and security.client.token_uri are both set
					a token lifetime of 5 s  | security.client.token_lifetime=5s                   | security.client.token_lifetime must be between 30s and 1h
					""")
	void anInvalidSecuritySettingFailsNamingTheKey(String name, String setting, String message) {
		this.runner.withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining(message)
				.hasMessageNotContaining("short-secret");
		});
	}

	@Test
	void aMaximumMessageSizeTooSmallForAnyTriggerFailsNamingTheKey() {
		this.runner.withPropertyValues("batch_jobs.worker.max_message_size=100B").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("batch_jobs.worker.max_message_size must be at least 1KB, not 100B");
		});
	}

	@Test
	void securityOffNeedsNoSecret() {
		this.runner.withPropertyValues("security.enabled=false", "security.jwt.hmac_secret=")
			.run((context) -> assertThat(context).hasNotFailed());
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
