package io.modelmonitoring.riskanalytics.worker;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

import io.modelmonitoring.riskanalytics.support.ScriptedMlService;
import io.modelmonitoring.riskanalytics.support.TestBroker;
import io.modelmonitoring.testsupport.TestServers;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * What the worker's full-app tests share, so that they share one started application: the
 * local RabbitMQ (exchange and queues of this run only) and ml-service played by
 * MockWebServer. Retries wait 50 ms, doubling; the read timeout is one second. The
 * exchange, queues and MockWebServer are released when the application closes, after its
 * listener has stopped, whichever of the test classes ran last.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(WorkerIntegrationTestBase.Fixtures.class)
abstract class WorkerIntegrationTestBase {

	static final TestBroker broker = TestBroker.start();

	static final ScriptedMlService mlService = new ScriptedMlService();

	static final Duration WAIT = Duration.ofSeconds(20);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.rabbitmq.addresses", TestServers::rabbitAddresses);
		registry.add("messaging.exchange", () -> broker.exchange);
		registry.add("messaging.batch_jobs_queue", () -> broker.queue);
		registry.add("batch_jobs.worker.error_queue", () -> broker.errorQueue);
		// Three attempts, quickly: these tests count attempts, not time.
		registry.add("batch_jobs.retry.max_attempts", () -> "3");
		registry.add("batch_jobs.retry.initial_delay", () -> "50ms");
		registry.add("batch_jobs.retry.max_delay", () -> "200ms");
		registry.add("services.ml_service.url", mlService::url);
		registry.add("services.ml_service.read_timeout", () -> "1s");
	}

	@Autowired
	JsonMapper json;

	@LocalServerPort
	int port;

	/**
	 * The outcome of the trigger. The test queue is bound for {@code workflow.job.*}, so
	 * it also receives the triggers the tests publish: those are skipped.
	 */
	Message awaitOutcome(String triggerId) {
		return awaitOrDescribe("the outcome of trigger " + triggerId,
				() -> broker.outcome((message) -> isOutcome(message) && triggerId.equals(correlationId(message))));
	}

	static boolean isOutcome(Message message) {
		return !"workflow.job.trigger".equals(message.getMessageProperties().getReceivedRoutingKey());
	}

	Message awaitParked(String triggerId) {
		return awaitOrDescribe("trigger " + triggerId + " in the error queue",
				() -> broker.parked(TestBroker.header("x-trigger-id", triggerId)));
	}

	/**
	 * Waits for the message; when it does not come, the failure says what the broker held
	 * and what was read, so that a rare timeout shows where things stood.
	 */
	static Message awaitOrDescribe(String what, Callable<Message> found) {
		try {
			return await().atMost(WAIT).until(found, Objects::nonNull);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what + " in vain: " + broker.describe()
					+ "; the ml-service stub took " + mlService.requests().size() + " requests", ex);
		}
	}

	String correlationId(Message message) {
		JsonNode correlationId = read(message).get("correlationId");
		return (correlationId != null) ? correlationId.stringValue() : null;
	}

	JsonNode read(Message message) {
		return read(TestBroker.body(message));
	}

	JsonNode read(String text) {
		return this.json.readTree(text);
	}

	static String trigger(String id, String metadata) {
		return """
				{"id": "%s", "type": "workflow.job.trigger", "timestamp": "2026-11-22T06:00:00Z",
				 "source": "workflow-orchestrator", "job": "model-monitoring", "metadata": %s, "triggeredBy": "schedule"}
				"""
			.formatted(id, metadata);
	}

	/**
	 * Closes the shared broker fixtures with the application: the context is destroyed
	 * after its listener containers have stopped, so no consumer is left on a deleted
	 * queue.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Fixtures {

		@Bean
		DisposableBean sharedBrokerFixtures() {
			return () -> {
				try {
					broker.close();
				}
				finally {
					mlService.close();
				}
			};
		}

	}

}
