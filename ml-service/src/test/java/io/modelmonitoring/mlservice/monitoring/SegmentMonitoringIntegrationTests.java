package io.modelmonitoring.mlservice.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.modelmonitoring.security.testing.TestTokens;
import io.modelmonitoring.testsupport.TestServers;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A segment story through the real path (HTTP, mongo-java-server, the local RabbitMQ, a
 * local lake): one region of a model drifts while the model as a whole does not, one
 * categorical feature moves, and one segment's Brier score in an evaluation is above its
 * threshold. The run must say so in its answer and publish one event per finding, each
 * naming its segment or feature.
 * <p>
 * Its own lake, so its own application: the shared one's lake has no segments.
 * <p>
 * Expected figures, by hand: the model's 440 current predictions are 400 spread as the
 * baseline plus 40 in the top fifth, so its PSI is about 0.03 (under 0.2); region=emea's
 * 40 current predictions all lie in its baseline's top two bins (PSI above 2); the
 * feature {@code plan} is "basic" in 90 % of the baseline and "pro" in 90 % of the
 * current window.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentMonitoringIntegrationTests {

	static final Instant AS_OF = Instant.parse("2026-11-22T06:00:00Z");

	static final String EXCHANGE = TestServers.uniqueName("test.ml-service.segments");

	static final Path LAKE = seedLake();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> TestServers.mongoUri("segments_it"));
		registry.add("spring.rabbitmq.addresses", TestServers::rabbitAddresses);
		registry.add("messaging.exchange", () -> EXCHANGE);
		registry.add("data_lake.local_path", LAKE::toString);
		registry.add("data_lake.connection_string", () -> "");
	}

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	AmqpAdmin admin;

	@Autowired
	RabbitTemplate rabbit;

	final String eventsQueue = TestServers.uniqueName("test.ml-service.segment-events");

	@BeforeAll
	void seed() {
		this.admin.declareExchange(new TopicExchange(EXCHANGE, true, false));
		Queue queue = new Queue(this.eventsQueue, false, false, false);
		this.admin.declareQueue(queue);
		this.admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(EXCHANGE)).with("ml.model.#"));
		// The story starts from nothing, whichever of its runs (in-process, on Spark)
		// came
		// first: its alerts are new.
		List.of("ml_evaluations", "ml_findings", "ml_model_results", "ml_monitoring_runs", "ml_event_outbox")
			.forEach(this.mongo::dropCollection);
		this.mongo.insert(new Document("_id", "e1").append("tenantId", "tenant-s")
			.append("modelId", "model-s")
			.append("createdAt", Date.from(AS_OF.minus(Duration.ofDays(1))))
			.append("brier", 0.1)
			.append("segments",
					List.of(new Document("dimension", "region").append("value", "emea")
						.append("brier", 0.35)
						.append("count", 50),
							// Too few records behind it to be checked.
							new Document("dimension", "region").append("value", "amer")
								.append("brier", 0.5)
								.append("count", 10),
							// Not a configured dimension.
							new Document("dimension", "channel").append("value", "web")
								.append("brier", 0.9)
								.append("count", 99))),
				"ml_evaluations");
	}

	@AfterAll
	void removeQueue() {
		this.admin.deleteQueue(this.eventsQueue);
	}

	@Test
	void aRegionThatDriftsWhileTheModelDoesNotIsFoundAndNamed() throws Exception {
		HttpResponse<String> response = post("{\"tenantIds\": [\"tenant-s\"], \"asOf\": \"" + AS_OF + "\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode run = this.json.readTree(response.body());

		assertThat(run.get("driftChecked").asInt()).isEqualTo(1);
		assertThat(run.get("driftDetected").asInt()).isZero();
		assertThat(run.get("performanceChecked").asInt()).isEqualTo(1);
		assertThat(run.get("performanceDegraded").asInt()).isZero();
		JsonNode counts = run.get("signals");
		assertThat(counts.get("segmentsChecked").asInt()).isEqualTo(3); // amer, emea,
																		// deal_size=large
		assertThat(counts.get("segmentsDrifted").asInt()).isEqualTo(1);
		assertThat(counts.get("segmentMetricsChecked").asInt()).isEqualTo(1);
		assertThat(counts.get("segmentMetricsDegraded").asInt()).isEqualTo(1);
		assertThat(counts.get("featuresChecked").asInt()).isEqualTo(2);
		assertThat(counts.get("featuresDrifted").asInt()).isEqualTo(1);

		JsonNode model = run.get("results").get(0);
		assertThat(model.get("drift").asBoolean()).isFalse();
		assertThat(model.get("psi").asDouble()).isLessThan(0.2);
		Map<String, JsonNode> segments = byName(model.get("segments"), "segment");
		assertThat(segments).containsOnlyKeys("deal_size=large", "region=amer", "region=emea");
		JsonNode emea = segments.get("region=emea");
		assertThat(emea.get("drift").asBoolean()).isTrue();
		assertThat(emea.get("psi").asDouble()).isGreaterThan(2);
		assertThat(emea.get("adjustedPValue").asDouble()).isLessThan(0.01)
			.isGreaterThanOrEqualTo(emea.get("pValue").asDouble());
		assertThat(emea.get("baselineCount").asInt()).isEqualTo(40);
		assertThat(emea.get("currentCount").asInt()).isEqualTo(40);
		assertThat(emea.get("metrics").get("brier").asDouble()).isEqualTo(0.35);
		assertThat(emea.get("degraded").get(0).asString()).isEqualTo("brier");
		assertThat(emea.get("alerts").get("psi").get("state").asString()).isEqualTo("new");
		assertThat(segments.get("region=amer").get("drift").asBoolean()).isFalse();
		assertThat(segments.get("region=amer").get("metrics").isNull()).isTrue();

		Map<String, JsonNode> features = byName(model.get("features"), "feature");
		assertThat(features).containsOnlyKeys("amount", "plan");
		assertThat(features.get("plan").get("kind").asString()).isEqualTo("categorical");
		assertThat(features.get("plan").get("drift").asBoolean()).isTrue();
		assertThat(features.get("plan").get("histogram").get(0).get("category").asString()).isEqualTo("basic");
		assertThat(features.get("amount").get("kind").asString()).isEqualTo("numeric");
		assertThat(features.get("amount").get("drift").asBoolean()).isFalse();

		List<JsonNode> events = receiveEvents(3);
		Map<String, JsonNode> byKey = new HashMap<>();
		events.forEach((event) -> byKey.put(event.get("type").asString() + " " + event.get("data").get("segment") + " "
				+ event.get("data").get("feature"), event.get("data")));
		assertThat(byKey).containsOnlyKeys("ml.model.drift.detected \"region=emea\" \"prediction\"",
				"ml.model.drift.detected null \"plan\"", "ml.model.performance.degraded \"region=emea\" null");
		JsonNode emeaDrift = byKey.get("ml.model.drift.detected \"region=emea\" \"prediction\"");
		assertThat(emeaDrift.get("adjustedPValue").asDouble()).isEqualTo(emea.get("adjustedPValue").asDouble());
		assertThat(events.stream().map((event) -> event.get("id").asString()).distinct()).hasSize(3);
	}

	private Map<String, JsonNode> byName(JsonNode list, String field) {
		Map<String, JsonNode> byName = new HashMap<>();
		list.forEach((node) -> byName.put(node.get(field).asString(), node));
		return byName;
	}

	private List<JsonNode> receiveEvents(int count) {
		List<JsonNode> events = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Message message = this.rabbit.receive(this.eventsQueue, 10_000);
			assertThat(message).as("event %d of %d", i + 1, count).isNotNull();
			events.add(this.json.readTree(message.getBody()));
		}
		assertThat(this.rabbit.receive(this.eventsQueue, 200)).as("no event beyond the expected ones").isNull();
		return events;
	}

	private HttpResponse<String> post(String body) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/ml/model-monitoring/run"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + TestTokens.ML_SERVICE.valid())
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Path seedLake() {
		try {
			Path lake = Files.createTempDirectory("ml-service-segment-lake");
			Instant baselineStart = AS_OF.minus(Duration.ofDays(45));
			Instant currentStart = AS_OF.minus(Duration.ofDays(3));
			List<String> baseline = new ArrayList<>();
			List<String> current = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				baseline.add(line(i / 399.0, baselineStart.plusSeconds(i), "amer", (i % 10 == 0) ? "pro" : "basic", i));
				current.add(line(((i * 7) % 400) / 399.0, currentStart.plusSeconds(i), "amer",
						(i % 10 == 0) ? "basic" : "pro", i));
			}
			for (int i = 0; i < 40; i++) {
				baseline.add(line(i / 39.0, baselineStart.plusSeconds(1000 + i), "emea", "basic", i));
				current.add(line(0.8 + i / 195.0, currentStart.plusSeconds(1000 + i), "emea", "pro", i));
			}
			MonitoringIntegrationTestBase.write(
					MonitoringIntegrationTestBase.partition(lake, baselineStart).resolve("part-0.jsonl"), baseline,
					false);
			MonitoringIntegrationTestBase.write(
					MonitoringIntegrationTestBase.partition(lake, currentStart).resolve("part-0.jsonl"), current,
					false);
			return lake;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String line(double prediction, Instant timestamp, String region, String plan, int i) {
		return "{\"tenantId\": \"tenant-s\", \"modelId\": \"model-s\", \"prediction\": " + prediction
				+ ", \"timestamp\": \"" + timestamp + "\", \"region\": \"" + region
				+ "\", \"segment\": {\"deal_size\": \"large\"}, \"features\": {\"amount\": " + (i % 17)
				+ ", \"plan\": \"" + plan + "\"}}";
	}

}
