package io.modelmonitoring.mlservice.events;

import java.time.Duration;
import java.util.Map;

import io.modelmonitoring.testsupport.ShippedConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exchange and the confirm timeout as the shipped application.yml and the environment
 * give them: the contract's exchange by default (SPEC §2), and the variables
 * docs/configuration.md names set them.
 */
class MessagingPropertiesTests {

	@Test
	void theDefaultsAreTheContractsExchangeAndTenSeconds() {
		MessagingProperties messaging = bind(Map.of());
		assertThat(messaging.exchange()).isEqualTo("coder_events");
		assertThat(messaging.confirmTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "MESSAGING_CONFIRM_TIMEOUT", "MESSAGING_CONFIRMTIMEOUT" })
	void theDocumentedEnvironmentVariablesSetTheKeys(String confirmTimeoutVariable) {
		MessagingProperties messaging = bind(Map.of("MESSAGING_EXCHANGE", "events", confirmTimeoutVariable, "3s"));
		assertThat(messaging.exchange()).isEqualTo("events");
		assertThat(messaging.confirmTimeout()).isEqualTo(Duration.ofSeconds(3));
	}

	private static MessagingProperties bind(Map<String, Object> environmentVariables) {
		return ShippedConfiguration.bind("messaging", MessagingProperties.class, environmentVariables, Map.of());
	}

}
