package io.modelmonitoring.eventconsumers;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelmonitoring.eventconsumers.support.Events;
import io.modelmonitoring.eventconsumers.support.TestBroker;
import io.modelmonitoring.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service with no audit trail configured and an Alertmanager that cannot be reached
 * (a closed port): the audit consumer is off and says so, and the forwarder tries each
 * event three times, then parks it. The second context of the module, for what the first
 * cannot show.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ConsumersOffIntegrationTests {

	static final TestBroker broker = TestBroker.start("test.event-consumers-off");

	static final int DEAD_PORT = TestServers.closedPort();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.rabbitmq.addresses", TestServers::rabbitAddresses);
		registry.add("messaging.exchange", () -> broker.exchange);
		registry.add("audit_log.queue", () -> broker.auditQueue);
		registry.add("audit_log.error_queue", () -> broker.auditErrorQueue);
		registry.add("alerting.alertmanager_url", () -> "http://127.0.0.1:" + DEAD_PORT);
		registry.add("alerting.connect_timeout", () -> "500ms");
		registry.add("alerting.queue", () -> broker.alertQueue);
		registry.add("alerting.error_queue", () -> broker.alertErrorQueue);
		registry.add("alerting.retry.initial_delay", () -> "50ms");
		registry.add("alerting.retry.max_attempts", () -> "3");
	}

	@Autowired
	JsonMapper json;

	@Autowired
	MeterRegistry meters;

	@Autowired
	RabbitListenerEndpointRegistry listeners;

	@LocalServerPort
	int port;

	@AfterAll
	static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) {
		listeners.stop();
		broker.close();
	}

	@Test
	void withNeitherAzureNorALocalPathTheAuditConsumerIsOffAndSaysSo(CapturedOutput output) {
		assertThat(this.listeners.getListenerContainer("mlAuditConsumer").isRunning()).isFalse();
		assertThat(broker.exists(broker.auditQueue)).isFalse();
		assertThat(broker.exists(broker.auditErrorQueue)).isFalse();
		assertThat(this.listeners.getListenerContainer("alertForwarder").isRunning()).isTrue();

		RestClient client = RestClient.create("http://127.0.0.1:" + this.port);
		JsonNode consumers = this.json
			.readTree(client.get().uri("/actuator/health/consumers").retrieve().body(String.class));
		assertThat(consumers.at("/components/auditLog/status").stringValue()).isEqualTo("UP");
		assertThat(consumers.at("/components/auditLog/details/enabled").booleanValue()).isFalse();
		assertThat(consumers.at("/components/auditLog/details/trail").stringValue())
			.startsWith("off: neither audit_log.connection_string");
		assertThat(consumers.at("/components/alertForwarder/details/enabled").booleanValue()).isTrue();
		String scrape = client.get().uri("/actuator/prometheus").retrieve().body(String.class);
		assertThat(scrape).contains("ml_consumer_enabled{consumer=\"audit_log\"} 0.0")
			.contains("ml_consumer_enabled{consumer=\"alert_forwarder\"} 1.0");
		// The start-up line, at INFO, when this class's context started; empty when an
		// earlier test class started it.
		assertThat(output.getAll()).contains("audit trail off: neither audit_log.connection_string");
	}

	@Test
	void anAlertmanagerThatCannotBeReachedIsTriedThenTheEventIsParked() {
		String id = UUID.randomUUID().toString();
		double failures = count("ml_alertmanager_request_failures", "kind", "unreachable");
		broker.publish("ml.model.drift.detected", Events.driftDetected(id, "tenant-off", "m-1"), id);

		Message parked = await().atMost(Duration.ofSeconds(30))
			.until(() -> broker.received(broker.alertErrorQueue, TestBroker.messageId(id)), (found) -> found != null);

		Map<String, Object> headers = parked.getMessageProperties().getHeaders();
		assertThat(headers).containsEntry("x-park-reason", "retries-exhausted")
			.containsEntry("x-attempts", 3)
			.containsEntry("x-original-routingKey", "ml.model.drift.detected");
		assertThat(headers.get("x-exception-message").toString()).startsWith(
				"gave up after 3 tries: Alertmanager at " + "http://127.0.0.1:" + DEAD_PORT + " cannot be reached");
		assertThat(TestBroker.body(parked)).isEqualTo(Events.driftDetected(id, "tenant-off", "m-1"));
		assertThat(count("ml_alertmanager_request_failures", "kind", "unreachable")).isEqualTo(failures + 3);
		assertThat(count("ml_consumer_messages_parked", "queue", broker.alertQueue, "reason", "retries-exhausted"))
			.isPositive();
		await().atMost(Duration.ofSeconds(10)).until(() -> broker.depth(broker.alertQueue) == 0);
	}

	private double count(String name, String... tags) {
		var counter = this.meters.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
