package io.modelmonitoring.riskanalytics.worker;

import java.time.Duration;
import java.util.UUID;

import io.modelmonitoring.riskanalytics.support.TestBroker;
import io.modelmonitoring.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code services.ml_service.url} unset the service starts, and each trigger fails
 * at once: no call, no retry, parked, acknowledged.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE)
class MlServiceUrlUnsetIntegrationTests {

	static final TestBroker broker = TestBroker.start();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.rabbitmq.addresses", TestServers::rabbitAddresses);
		registry.add("messaging.exchange", () -> broker.exchange);
		registry.add("messaging.batch_jobs_queue", () -> broker.queue);
		registry.add("batch_jobs.worker.error_queue", () -> broker.errorQueue);
		registry.add("services.ml_service.url", () -> "");
	}

	@Autowired
	JsonMapper json;

	@AfterAll
	static void deleteQueues(@Autowired RabbitListenerEndpointRegistry listeners) {
		listeners.stop();
		broker.close();
	}

	@Test
	void aTriggerFailsAtOnceAndIsNotRequeued() {
		String id = UUID.randomUUID().toString();
		broker.publishTrigger("{\"id\": \"" + id + "\", \"job\": \"model-monitoring\", \"metadata\": {}}", id);

		Message message = await().atMost(Duration.ofSeconds(20))
			.until(() -> broker.outcome((candidate) -> candidate.getBody().length > 0
					&& "workflow.job.failed".equals(candidate.getMessageProperties().getType())
					&& id.equals(this.json.readTree(candidate.getBody()).get("correlationId").stringValue())),
					(found) -> found != null);
		JsonNode data = this.json.readTree(message.getBody()).get("data");
		assertThat(data.get("error").stringValue())
			.isEqualTo("services.ml_service.url (env SERVICES_ML_SERVICE_URL) is not set: ml-service cannot be called");
		assertThat(data.get("attempts").intValue()).isZero();
		assertThat(data.get("job").stringValue()).isEqualTo("model-monitoring");

		Message parked = await().atMost(Duration.ofSeconds(20))
			.until(() -> broker.parked(TestBroker.header("x-trigger-id", id)), (found) -> found != null);
		assertThat(parked.getMessageProperties().getHeaders()).containsEntry("x-attempts", 0);
		await().atMost(Duration.ofSeconds(20)).until(() -> broker.depth(broker.queue) == 0);
	}

}
