package io.modelmonitoring.security;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up with security on and no usable key fails, naming the keys and never echoing a
 * secret's value.
 */
class SecurityPropertiesTests {

	static final String SECRET = "a-secret-of-at-least-thirty-two-bytes-0123";

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
		.withUserConfiguration(PropertiesOnly.class)
		.withPropertyValues("security.jwt.audience=ml-service");

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					no key at all         | security.jwt.issuer=https://issuer.test            |                                                        | security.jwt.hmac_secret (env SECURITY_JWT_HMAC_SECRET) or security.jwt.jwk_set_uri
					a short secret        | security.jwt.hmac_secret=short-and-secret          |                                                        | security.jwt.hmac_secret must be at least 32 bytes
					both keys             | security.jwt.hmac_secret=a-secret-of-at-least-thirty-two-bytes-0123 | security.jwt.jwk_set_uri=https://issuer.test/jwks | are both set
					a JWK set not a URL   | security.jwt.jwk_set_uri=file:/etc/jwks.json       |                                                        | security.jwt.jwk_set_uri must be an http(s) URL
					no audience           | security.jwt.hmac_secret=a-secret-of-at-least-thirty-two-bytes-0123 | security.jwt.audience=           | security.jwt.audience (env SECURITY_JWT_AUDIENCE)
					a body cap of nothing | security.max_request_body=0                        | security.jwt.hmac_secret=a-secret-of-at-least-thirty-two-bytes-0123 | security.max_request_body
					no time for a body    | security.request_body_timeout=0s                   | security.jwt.hmac_secret=a-secret-of-at-least-thirty-two-bytes-0123 | security.request_body_timeout must be at least 100ms
					no token lifetime     | security.jwt.max_token_lifetime=0s                 | security.jwt.hmac_secret=a-secret-of-at-least-thirty-two-bytes-0123 | security.jwt.max_token_lifetime must be at least 1m
					no refresh interval   | security.jwt.jwk_set_refresh_interval=0s           | security.jwt.jwk_set_uri=https://issuer.test/jwks      | security.jwt.jwk_set_refresh_interval must be at least 1s
					a refresh interval past the cache | security.jwt.jwk_set_refresh_interval=5m | security.jwt.jwk_set_uri=https://issuer.test/jwks    | shorter than the JWK set's cache time of 5m
					""")
	void aMissingOrBadKeyStopsStartUpNamingIt(String name, String setting, String other, String message) {
		ApplicationContextRunner runner = this.runner.withPropertyValues(setting);
		if (other != null) {
			runner = runner.withPropertyValues(other);
		}
		runner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining(message)
				.hasMessageNotContaining("short-and-secret")
				.hasMessageNotContaining(SECRET);
		});
	}

	@Test
	void aSecretOrAJwkSetIsEnough() {
		this.runner.withPropertyValues("security.jwt.hmac_secret=" + SECRET).run((context) -> {
			assertThat(context).hasNotFailed();
			SecurityProperties properties = context.getBean(SecurityProperties.class);
			assertThat(properties.enabled()).isTrue();
			assertThat(properties.maxRequestBody().toBytes()).isEqualTo(256 * 1024);
			assertThat(properties.requestBodyTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.jwt().maxTokenLifetime()).isEqualTo(Duration.ofHours(24));
			assertThat(properties.jwt().jwkSetRefreshInterval()).isEqualTo(Duration.ofSeconds(30));
		});
		this.runner.withPropertyValues("security.jwt.jwk_set_uri=https://issuer.test/jwks")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void securityOffNeedsNoKey() {
		this.runner.withPropertyValues("security.enabled=false").run((context) -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SecurityProperties.class)
	static class PropertiesOnly {

	}

}
