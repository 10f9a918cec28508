package io.modelmonitoring.orchestrator.trigger;

import java.time.Duration;
import java.util.Map;

import io.modelmonitoring.testsupport.ShippedConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The messaging keys as the shipped application.yml and the environment give them: the
 * contract's names by default (SPEC §2), and the variables docs/configuration.md names
 * set them.
 */
class MessagingPropertiesTests {

	@Test
	void theDefaultsAreTheContractsNames() {
		MessagingProperties messaging = bind(Map.of());
		assertThat(messaging.exchange()).isEqualTo("coder_events");
		assertThat(messaging.batchJobsQueue()).isEqualTo("bi_batch_jobs");
		assertThat(messaging.confirmTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(messaging.publish().attempts()).isEqualTo(3);
		assertThat(messaging.publish().backoff()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void theDocumentedEnvironmentVariablesSetTheKeys() {
		MessagingProperties messaging = bind(Map.of("MESSAGING_EXCHANGE", "events", "MESSAGING_BATCH_JOBS_QUEUE",
				"jobs", "MESSAGING_CONFIRM_TIMEOUT", "3s", "MESSAGING_PUBLISH_ATTEMPTS", "5"));
		assertThat(messaging.exchange()).isEqualTo("events");
		assertThat(messaging.batchJobsQueue()).isEqualTo("jobs");
		assertThat(messaging.confirmTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(messaging.publish().attempts()).isEqualTo(5);
	}

	private static MessagingProperties bind(Map<String, Object> environmentVariables) {
		return ShippedConfiguration.bind("messaging", MessagingProperties.class, environmentVariables, Map.of());
	}

}
