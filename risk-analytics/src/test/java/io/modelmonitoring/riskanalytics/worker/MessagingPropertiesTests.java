package io.modelmonitoring.riskanalytics.worker;

import java.time.Duration;
import java.util.Map;

import io.modelmonitoring.testsupport.ShippedConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queues and the exchange as the shipped application.yml and the environment give
 * them: the contract's names by default (SPEC §2), and the variables
 * docs/configuration.md names set them, with no line of their own in application.yml.
 */
class MessagingPropertiesTests {

	@Test
	void theDefaultsAreTheContractsNames() {
		MessagingProperties messaging = bind(Map.of());
		assertThat(messaging.exchange()).isEqualTo("coder_events");
		assertThat(messaging.batchJobsQueue()).isEqualTo("bi_batch_jobs");
		assertThat(messaging.confirmTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(worker(Map.of()).errorQueue()).isEqualTo("bi_batch_jobs.errors");
	}

	@Test
	void theDocumentedEnvironmentVariablesSetTheKeys() {
		Map<String, Object> environment = Map.of("MESSAGING_EXCHANGE", "events", "MESSAGING_BATCH_JOBS_QUEUE", "jobs",
				"MESSAGING_CONFIRM_TIMEOUT", "3s", "BATCH_JOBS_WORKER_ERROR_QUEUE", "jobs.parked");
		MessagingProperties messaging = bind(environment);
		assertThat(messaging.exchange()).isEqualTo("events");
		assertThat(messaging.batchJobsQueue()).isEqualTo("jobs");
		assertThat(messaging.confirmTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(worker(environment).errorQueue()).isEqualTo("jobs.parked");
	}

	private static MessagingProperties bind(Map<String, Object> environmentVariables) {
		return ShippedConfiguration.bind("messaging", MessagingProperties.class, environmentVariables, Map.of());
	}

	private static WorkerProperties worker(Map<String, Object> environmentVariables) {
		return ShippedConfiguration.bind("batch-jobs.worker", WorkerProperties.class, environmentVariables, Map.of());
	}

}
