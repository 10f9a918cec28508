package io.modelmonitoring.mlservice.monitoring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.modelmonitoring.security.testing.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With RabbitMQ out of reach a run still completes: its events wait in the outbox and the
 * answer says how many ({@code eventsPending}). With MongoDB out of reach a run answers
 * 503 naming it, never reports success, and counts as one failed run, whether it was lost
 * before the run started or during it. RabbitMQ is played by a closed port; MongoDB by an
 * in-process server stopped mid-test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DependencyOutageIntegrationTests {

	static final MongoServer MONGO = new MongoServer(new MemoryBackend());

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		MONGO.bind("127.0.0.1", 0);
		int port = MONGO.getLocalAddress().getPort();
		registry.add("spring.mongodb.uri",
				() -> "mongodb://127.0.0.1:" + port + "/outage?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000");
		// Nothing listens on port 1: connections are refused at once.
		registry.add("spring.rabbitmq.addresses", () -> "amqp://guest:guest@127.0.0.1:1");
		registry.add("data_lake.local_path", () -> "");
		registry.add("data_lake.connection_string", () -> "");
		registry.add("messaging.outbox.relay_interval", () -> "200ms");
		// Time to stop MongoDB in the middle of a run.
		registry.add("model_monitoring.runs.pause_before_events", () -> "1500ms");
	}

	@Autowired
	MongoTemplate mongo;

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	final HttpClient http = HttpClient.newHttpClient();

	@AfterAll
	void stopMongo() {
		MONGO.shutdownNow();
	}

	@Test
	@Order(1)
	void rabbitMqOutOfReachCompletesTheRunWithItsEventsPending() throws Exception {
		// One evaluation with a Brier of 0.5, above the 0.2 threshold: one event.
		this.mongo.insert(new Document("_id", "e1").append("tenantId", "tenant-1")
			.append("modelId", "model-a")
			.append("createdAt", new Date())
			.append("brier", 0.5), "ml_evaluations");
		HttpResponse<String> response = post("{\"tenantIds\": [\"tenant-1\"]}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode answer = this.json.readTree(response.body());
		assertThat(answer.get("performanceDegraded").asInt()).isEqualTo(1);
		assertThat(answer.get("eventsPublished").asInt()).isZero();
		assertThat(answer.get("eventsPending").asInt()).isEqualTo(1);

		JsonNode runs = this.json.readTree(get("/api/v1/ml/model-monitoring/runs?tenantId=tenant-1").body());
		assertThat(runs.size()).isEqualTo(1);
		assertThat(runs.get(0).get("status").asString()).isEqualTo("completed");
		assertThat(runs.get(0).get("result").get("eventsPending").asInt()).isEqualTo(1);
		Document pending = this.mongo.findOne(new Query(), Document.class, "ml_event_outbox");
		assertThat(pending.getString("status")).isEqualTo("pending");
		assertThat(pending.getString("lastError")).isNotBlank();
		assertThat(get("/actuator/prometheus").body())
			.contains("ml_model_monitoring_runs_total{status=\"completed\"} 1.0");
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(get("/actuator/prometheus").body()).contains("ml_events_pending 1.0"));
	}

	/**
	 * MongoDB goes while a run waits before its events: the run fails when it records
	 * them, and counts as one failed run, not two.
	 */
	@Test
	@Order(2)
	void mongoDbLostDuringARunIsA503AndOneFailedRun() throws Exception {
		double failedBefore = failedRuns();
		CompletableFuture<HttpResponse<String>> run = CompletableFuture
			.supplyAsync(() -> unchecked(() -> post("{\"tenantIds\": [\"tenant-2\"]}")));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.mongo.exists(
					Query.query(Criteria.where("tenantIds").is("tenant-2").and("status").is("running")),
					"ml_monitoring_runs"));
		MONGO.shutdownNow();
		HttpResponse<String> response = run.get(30, TimeUnit.SECONDS);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(this.json.readTree(response.body()).get("dependency").asString()).isEqualTo("MongoDB");
		assertThat(failedRuns()).isEqualTo(failedBefore + 1);
	}

	/**
	 * MongoDB is down before a run starts: the tenants' leases (no key) or the key's
	 * record cannot be taken. Each refusal counts as a failed run, as a run that fails
	 * midway does, so that ModelMonitoringRunFailed fires.
	 */
	@Test
	@Order(3)
	void mongoDbOutOfReachAtTheStartIsA503NamingItAndAFailedRun() throws Exception {
		double failedBefore = failedRuns();
		HttpResponse<String> response = post("{}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("dependency").asString()).isEqualTo("MongoDB");
		assertThat(problem.get("detail").asString()).contains("MongoDB");
		assertThat(failedRuns()).isEqualTo(failedBefore + 1);

		HttpResponse<String> keyed = post("{}", "trigger-during-the-outage");
		assertThat(keyed.statusCode()).as(keyed.body()).isEqualTo(503);
		assertThat(failedRuns()).isEqualTo(failedBefore + 2);
		assertThat(get("/actuator/prometheus").body())
			.contains("ml_model_monitoring_runs_total{status=\"completed\"} 1.0");
	}

	private double failedRuns() throws Exception {
		String prefix = "ml_model_monitoring_runs_total{status=\"failed\"} ";
		return get("/actuator/prometheus").body()
			.lines()
			.filter((line) -> line.startsWith(prefix))
			.mapToDouble((line) -> Double.parseDouble(line.substring(prefix.length())))
			.findFirst()
			.orElseThrow();
	}

	private static <T> T unchecked(Callable<T> call) {
		try {
			return call.call();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> post(String body) throws Exception {
		return post(body, null);
	}

	private HttpResponse<String> post(String body, String idempotencyKey) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/api/v1/ml/model-monitoring/run"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + TestTokens.ML_SERVICE.valid());
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return this.http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(base() + path))
			.header("Authorization", "Bearer " + TestTokens.ML_SERVICE.valid())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

}
