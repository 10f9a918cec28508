package io.modelmonitoring.mlservice.monitoring;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.zip.GZIPOutputStream;

import io.modelmonitoring.scan.drift.PermutationTolerance;
import io.modelmonitoring.testsupport.TestServers;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
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
import static org.assertj.core.api.Assertions.within;

/**
 * One run over seeded evaluations and inference logs, through the real HTTP endpoint, the
 * local RabbitMQ, mongo-java-server and a local-directory lake. Expected PSI figures come
 * from src/test/resources/monitoring/run_reference.py (numpy, scipy), which builds the
 * same samples; its permutation p-values agree with the service's within Monte Carlo
 * error.
 */
class ModelMonitoringIntegrationTests extends MonitoringIntegrationTestBase {

	@Autowired
	MongoTemplate mongo;

	@Autowired
	AmqpAdmin admin;

	@Autowired
	RabbitTemplate rabbit;

	final String eventsQueue = TestServers.uniqueName("test.ml-service.events");

	@BeforeAll
	void seed() {
		this.admin.declareExchange(new TopicExchange(EXCHANGE, true, false));
		Queue queue = new Queue(this.eventsQueue, false, false, false);
		this.admin.declareQueue(queue);
		this.admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(EXCHANGE)).with("ml.model.#"));
		this.mongo.dropCollection("ml_evaluations");
		this.mongo.insert(List.of(
				evaluation("t1-new", "tenant-1", "model-drift", 2).append("brier", 0.27)
					.append("mae", 0.1)
					.append("modelVersion", "v7"),
				evaluation("t1-old", "tenant-1", "model-drift", 10).append("brier", 0.05),
				evaluation("t1-stable", "tenant-1", "model-stable", 3).append("metrics", new Document("Brier", "0.1")),
				evaluation("t2-bad", "tenant-2", "model-mae", 1).append("brier", "n/a"),
				evaluation("t2-mae", "tenant-2", "model-mae", 4).append("metrics", new Document("MAE", 0.35)),
				new Document("_id", "t2-nomodel").append("tenantId", "tenant-2").append("brier", 0.9),
				evaluation("t3", "tenant-3", "model-x", 5).append("brier", 0.1),
				// Created at or after asOf: no run as of AS_OF sees them. Read, they
				// would take over model-drift's Brier and degrade its MAE and
				// model-stable's Brier, and tenant-4 would be a fourth tenant.
				evaluation("t1-at-as-of", "tenant-1", "model-drift", 0).append("brier", 0.9).append("mae", 0.9),
				evaluation("t1-after", "tenant-1", "model-stable", -1).append("brier", 0.95),
				evaluation("t4-after", "tenant-4", "model-y", -1).append("brier", 0.1)), "ml_evaluations");
	}

	@AfterAll
	void cleanUp() {
		this.admin.deleteQueue(this.eventsQueue);
		this.admin.deleteExchange(EXCHANGE);
	}

	@Test
	void aRunOverEveryTenantChecksPublishesAndKeepsTheRun() throws Exception {
		HttpResponse<String> response = post("{\"asOf\": \"2026-11-22T06:00:00Z\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode run = this.json.readTree(response.body());

		assertThat(run.get("asOf").asString()).isEqualTo("2026-11-22T06:00:00Z");
		assertThat(run.get("tenants").asInt()).isEqualTo(3);
		assertThat(run.get("performanceChecked").asInt()).isEqualTo(5);
		assertThat(run.get("performanceDegraded").asInt()).isEqualTo(2);
		assertThat(run.get("driftChecked").asInt()).isEqualTo(3);
		assertThat(run.get("driftDetected").asInt()).isEqualTo(1);
		assertThat(run.get("driftSkipped").asInt()).isEqualTo(1);
		assertThat(run.get("driftSkippedReason").isNull()).isTrue();
		assertThat(run.get("invalidEvaluations").asInt()).isEqualTo(2);
		assertThat(run.get("invalidRecords").asLong()).isEqualTo(4);
		assertThat(run.get("eventsPublished").asInt()).isEqualTo(3);
		assertThat(run.get("eventsPending").asInt()).isZero();

		Map<String, JsonNode> results = new HashMap<>();
		run.get("results")
			.forEach((result) -> results.put(result.get("tenantId").asString() + "/" + result.get("modelId").asString(),
					result));
		assertThat(results).containsOnlyKeys("tenant-1/model-drift", "tenant-1/model-stable", "tenant-2/model-exact",
				"tenant-2/model-few", "tenant-2/model-mae", "tenant-3/model-x");
		// run_reference.py: tenant-1/model-drift psi=1.1146606053822612
		// p=0.0002999850007499625 (20,000 relabellings) noise=0.45 k=10
		JsonNode drifted = results.get("tenant-1/model-drift");
		assertThat(drifted.get("psi").asDouble()).isCloseTo(1.1146606053822612, within(1e-12));
		assertThat(drifted.get("pValue").asDouble()).isCloseTo(0.0003, within(PermutationTolerance.of(0.0003)))
			.isLessThan(0.01);
		assertThat(drifted.get("brier").asDouble()).isEqualTo(0.27);
		assertThat(drifted.get("mae").asDouble()).isEqualTo(0.1);
		assertThat(drifted.get("drift").asBoolean()).isTrue();
		assertThat(drifted.get("degraded").toString()).isEqualTo("[\"brier\"]");
		assertThat(drifted.get("noiseFloor").asDouble()).isCloseTo(0.45, within(1e-15));
		assertExplained(drifted);
		assertThat(drifted.get("evaluations").get("brier").get("evaluationId").asString()).isEqualTo("t1-new");
		assertThat(drifted.get("evaluations").get("brier").get("evaluatedAt").asString())
			.isEqualTo("2026-11-20T06:00:00Z");
		assertThat(drifted.get("evaluations").get("brier").get("modelVersion").asString()).isEqualTo("v7");
		assertThat(results.get("tenant-1/model-stable").get("psi").asDouble()).isZero();
		assertThat(results.get("tenant-1/model-stable").get("drift").asBoolean()).isFalse();
		JsonNode few = results.get("tenant-2/model-few");
		assertThat(few.get("psi").isNull()).isTrue();
		assertThat(few.get("baselineCount").asInt()).isEqualTo(40);
		assertThat(few.get("currentCount").asInt()).isEqualTo(29);
		assertThat(results.get("tenant-2/model-mae").get("degraded").toString()).isEqualTo("[\"mae\"]");

		// run_reference.py: tenant-2/model-exact psi=0.4397056041362635
		// p=0.14444277786110696 noise=0.525: a PSI over the threshold, under the noise
		// floor
		// of 30 predictions, and no event
		JsonNode exact = results.get("tenant-2/model-exact");
		assertThat(exact.get("psi").asDouble()).isCloseTo(0.4397056041362635, within(1e-12));
		assertThat(exact.get("pValue").asDouble()).isCloseTo(0.1444, within(PermutationTolerance.of(0.1444)));
		assertThat(exact.get("drift").asBoolean()).isFalse();

		Map<String, JsonNode> events = receiveEvents(3);
		JsonNode driftEvent = events.get("ml.model.drift.detected tenant-1 model-drift");
		assertThat(driftEvent).isNotNull();
		assertThat(driftEvent.get("version").asInt()).isEqualTo(1);
		assertThat(driftEvent.get("source").asString()).isEqualTo("ml-service");
		assertThat(driftEvent.get("correlationId").asString()).isEqualTo(run.get("runId").asString());
		JsonNode data = driftEvent.get("data");
		assertThat(data.get("segment").isNull()).isTrue();
		assertThat(data.get("metric").asString()).isEqualTo("psi");
		assertThat(data.get("feature").asString()).isEqualTo("prediction");
		assertThat(data.get("delta").asDouble()).isCloseTo(1.1146606053822612, within(1e-12));
		assertThat(data.get("threshold").asDouble()).isEqualTo(0.2);
		assertThat(data.get("pValue").asDouble()).isEqualTo(drifted.get("pValue").asDouble());
		assertThat(data.get("noiseFloor").asDouble()).isCloseTo(0.45, within(1e-15));
		assertThat(data.get("baselineCount").asInt()).isEqualTo(40);
		assertThat(data.get("currentCount").asInt()).isEqualTo(40);
		assertThat(data.get("bins").asInt()).isEqualTo(10);
		assertExplained(data);
		assertThat(data.get("histogram")).isEqualTo(drifted.get("histogram"));
		assertThat(data.get("reportUrl").asString()).isEqualTo("https://ml.example.test/monitoring/api/v1/ml/"
				+ "model-monitoring/runs/" + run.get("runId").asString() + "/report#model-tenant-1/model-drift");
		assertThat(data.get("baselineWindow").get("from").asString()).isEqualTo("2026-09-23T06:00:00Z");
		assertThat(data.get("baselineWindow").get("to").asString()).isEqualTo("2026-10-23T06:00:00Z");
		assertThat(data.get("currentWindow").get("from").asString()).isEqualTo("2026-11-15T06:00:00Z");
		assertThat(data.get("currentWindow").get("to").asString()).isEqualTo("2026-11-22T06:00:00Z");
		assertThat(events).doesNotContainKey("ml.model.drift.detected tenant-2 model-exact");
		JsonNode brier = events.get("ml.model.performance.degraded tenant-1 model-drift").get("data");
		assertThat(brier.get("metric").asString()).isEqualTo("brier");
		assertThat(brier.get("value").asDouble()).isEqualTo(0.27);
		assertThat(brier.get("threshold").asDouble()).isEqualTo(0.2);
		assertThat(brier.get("evaluationId").asString()).isEqualTo("t1-new");
		assertThat(brier.get("evaluatedAt").asString()).isEqualTo("2026-11-20T06:00:00Z");
		assertThat(brier.get("modelVersion").asString()).isEqualTo("v7");
		JsonNode mae = events.get("ml.model.performance.degraded tenant-2 model-mae").get("data");
		assertThat(mae.get("metric").asString()).isEqualTo("mae");
		assertThat(mae.get("value").asDouble()).isEqualTo(0.35);

		HttpResponse<String> kept = get("/runs/" + run.get("runId").asString());
		assertThat(kept.statusCode()).isEqualTo(200);
		JsonNode keptRun = this.json.readTree(kept.body());
		assertThat(keptRun.get("status").asString()).isEqualTo("completed");
		assertThat(keptRun.get("result").get("driftDetected").asInt()).isEqualTo(1);
		assertThat(keptRun.get("result").get("results")).as("the stored run answers as the run did")
			.isEqualTo(run.get("results"));
		JsonNode listed = this.json.readTree(get("/runs?tenantId=tenant-3&limit=5").body());
		assertThat(listed.findValuesAsString("runId")).contains(run.get("runId").asString());
		assertThat(listed.findValues("results")).as("a list of runs leaves their model results out").isEmpty();
		assertThat(this.json.readTree(get("/runs?tenantId=nobody").body()).size()).isZero();

		String metrics = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(metrics).contains("ml_drift_checks_total{check=\"prediction\",model=\"model-drift\"}")
			.contains("ml_drift_detections_total{check=\"prediction\",metric=\"psi\",model=\"model-drift\"}")
			.doesNotContain("ml_drift_detections_total{check=\"prediction\",metric=\"psi\",model=\"model-exact\"}")
			.contains("ml_performance_degraded_total{check=\"model\",metric=\"mae\",model=\"model-mae\"}")
			.contains("ml_model_monitoring_runs_total{status=\"completed\"}")
			.contains("ml_model_monitoring_run_duration_seconds_count")
			.doesNotContain("tenant-1");
	}

	@Test
	void aRunForSomeTenantsLeavesTheOthersOut() throws Exception {
		HttpResponse<String> response = post(
				"{\"tenantIds\": [\"tenant-3\", \"tenant-3\"], \"asOf\": \"2026-11-22T06:00:00Z\"}");
		JsonNode run = this.json.readTree(response.body());
		assertThat(run.get("tenants").asInt()).isEqualTo(1);
		assertThat(run.get("performanceChecked").asInt()).isEqualTo(1);
		assertThat(run.get("driftChecked").asInt()).isZero();
		// Only the line without a tenant: the bad predictions of tenant-1 and tenant-2
		// (a string, NaN, -Infinity) are theirs.
		assertThat(run.get("invalidRecords").asLong()).isEqualTo(1);
		assertThat(run.get("eventsPublished").asInt()).isZero();
	}

	@Test
	void aRunAsOfAPastWeekChecksOnlyTheEvaluationsCreatedBeforeIt() throws Exception {
		JsonNode then = this.json.readTree(post("{\"tenantIds\": [\"tenant-4\"], \"asOf\": \"" + AS_OF + "\"}").body());
		assertThat(then.get("tenants").asInt()).isEqualTo(1);
		assertThat(then.get("performanceChecked").asInt()).isZero();

		Instant later = AS_OF.plus(Duration.ofDays(2));
		JsonNode now = this.json.readTree(post("{\"tenantIds\": [\"tenant-4\"], \"asOf\": \"" + later + "\"}").body());
		assertThat(now.get("performanceChecked").asInt()).isEqualTo(1);
		assertThat(now.get("performanceDegraded").asInt()).isZero();
		assertThat(now.get("eventsPublished").asInt()).isZero();
	}

	/**
	 * The bins of tenant-1/model-drift, from run_reference.py's {@code bins}: counts,
	 * unsmoothed shares and each bin's term of PSI; the windows of the run.
	 */
	private static void assertExplained(JsonNode drift) {
		List<Double> edges = new ArrayList<>();
		drift.get("edges").forEach((edge) -> edges.add(edge.asDouble()));
		assertThat(edges).containsExactly(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
		long[] current = { 0, 0, 0, 0, 1, 7, 8, 8, 8, 8 };
		double[] terms = { 0.19530885131877507, 0.19530885131877507, 0.19530885131877507, 0.19530885131877507,
				0.07324081924454066, 0.03405504158439936, 0.056532334819555254, 0.056532334819555254,
				0.056532334819555254, 0.056532334819555254 };
		JsonNode histogram = drift.get("histogram");
		assertThat(histogram).hasSize(10);
		for (int i = 0; i < 10; i++) {
			JsonNode bin = histogram.get(i);
			assertThat(bin.get("lower").isNull()).isEqualTo(i == 0);
			assertThat(bin.get("upper").isNull()).isEqualTo(i == 9);
			assertThat(bin.get("baselineCount").asLong()).isEqualTo(4);
			assertThat(bin.get("currentCount").asLong()).as("current count of bin %d", i).isEqualTo(current[i]);
			assertThat(bin.get("baselineShare").asDouble()).isEqualTo(0.1);
			assertThat(bin.get("currentShare").asDouble()).isEqualTo(current[i] / 40.0);
			assertThat(bin.get("contribution").asDouble()).isCloseTo(terms[i], within(1e-15));
		}
		assertThat(drift.get("baselineWindow").get("from").asString()).isEqualTo("2026-09-23T06:00:00Z");
		assertThat(drift.get("currentWindow").get("to").asString()).isEqualTo("2026-11-22T06:00:00Z");
	}

	private Map<String, JsonNode> receiveEvents(int count) {
		Map<String, JsonNode> events = new HashMap<>();
		for (int i = 0; i < count; i++) {
			Message message = this.rabbit.receive(this.eventsQueue, 10_000);
			assertThat(message).as("event %d of %d", i + 1, count).isNotNull();
			JsonNode event = this.json.readTree(message.getBody());
			assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
			assertThat(message.getMessageProperties().getMessageId()).isEqualTo(event.get("id").asString());
			assertThat(message.getMessageProperties().getType()).isEqualTo(event.get("type").asString());
			assertThat(message.getMessageProperties().getReceivedDeliveryMode())
				.isEqualTo(org.springframework.amqp.core.MessageDeliveryMode.PERSISTENT);
			events.put(event.get("type").asString() + " " + event.get("tenantId").asString() + " "
					+ event.get("data").get("modelId").asString(), event);
		}
		assertThat(this.rabbit.receive(this.eventsQueue, 200)).as("no event beyond the expected ones").isNull();
		return events;
	}

	private static Document evaluation(String id, String tenantId, String modelId, int daysBeforeAsOf) {
		return new Document("_id", id).append("tenantId", tenantId)
			.append("modelId", modelId)
			.append("createdAt", Date.from(AS_OF.minus(Duration.ofDays(daysBeforeAsOf))));
	}

}
