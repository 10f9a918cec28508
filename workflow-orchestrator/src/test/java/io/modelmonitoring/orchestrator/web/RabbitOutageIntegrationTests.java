package io.modelmonitoring.orchestrator.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.modelmonitoring.testsupport.TestServers;
import io.modelmonitoring.security.testing.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orchestrator with RabbitMQ down (a local port nothing listens on): it starts, a
 * manual trigger is answered 503 naming RabbitMQ, and the failure is counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RabbitOutageIntegrationTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		int closedPort = TestServers.closedPort();
		registry.add("spring.mongodb.uri", () -> TestServers.mongoUri("orchestrator_outage_it"));
		registry.add("spring.rabbitmq.addresses", () -> "amqp://guest:guest@127.0.0.1:" + closedPort);
		registry.add("messaging.exchange", () -> TestServers.uniqueName("test.orchestrator.events"));
		registry.add("messaging.batch_jobs_queue", () -> TestServers.uniqueName("test.orchestrator.batch-jobs"));
		registry.add("messaging.publish.attempts", () -> "2");
		registry.add("messaging.publish.backoff", () -> "10ms");
	}

	final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Test
	void aManualTriggerIsAnswered503NamingRabbitMq() throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(uri("/api/v1/workflow/jobs/model-monitoring/trigger"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + TestTokens.WORKFLOW_ORCHESTRATOR.valid())
				.POST(HttpRequest.BodyPublishers.ofString("{\"tenantIds\": [\"tenant-1\"]}"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo("urn:model-monitoring:problem:dependency-unavailable");
		assertThat(problem.path("dependency").asString()).isEqualTo("RabbitMQ");
		assertThat(problem.path("detail").asString()).contains("after 2 attempt(s)");

		String prometheus = this.http
			.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(prometheus)
			.contains("batch_job_trigger_failures_total{batch_job=\"model-monitoring\",reason=\"publish\"} 1.0");
		assertThat(prometheus).contains("batch_job_triggers_total{batch_job=\"model-monitoring\"} 0.0");
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
