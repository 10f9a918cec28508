package io.modelmonitoring.mlservice.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.modelmonitoring.testsupport.TestServers;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The life of a finding over a tenant's runs, through the real endpoint, MongoDB's wire
 * protocol and the local RabbitMQ: opened, ongoing, recovered; data-health findings (a
 * model whose logs thinned out, a model whose evaluations stopped); a dry run and
 * backfill runs that move no alert; a tenant id nobody knows. The tenant's evaluations
 * and logs lie outside the windows of the other tests' runs, and its runs are a few days
 * after their asOf.
 */
class FindingLifecycleIntegrationTests extends MonitoringIntegrationTestBase {

	static final String TENANT = "tenant-life";

	@Autowired
	MongoTemplate mongo;

	@Autowired
	AmqpAdmin admin;

	@Autowired
	RabbitTemplate rabbit;

	final String eventsQueue = TestServers.uniqueName("test.ml-service.lifecycle");

	@BeforeAll
	void seed() throws Exception {
		this.admin.declareExchange(new TopicExchange(EXCHANGE, true, false));
		Queue queue = new Queue(this.eventsQueue, false, false, false);
		this.admin.declareQueue(queue);
		this.admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(EXCHANGE)).with("ml.model.#"));
		// model-perf: Brier 0.5, then 0.6, then 0.1 (threshold 0.2), one a day.
		double[] brier = { 0.5, 0.6, 0.1 };
		for (int day = 0; day < 3; day++) {
			this.mongo.insert(evaluation("life-perf-" + day, "model-perf", day(3 + day, 1)).append("brier", brier[day]),
					"ml_evaluations");
		}
		// model-stale: its only evaluation 20 days before the first run.
		this.mongo.insert(
				evaluation("life-stale", "model-stale", day(3, 2).minus(Duration.ofDays(20))).append("brier", 0.1),
				"ml_evaluations");
		// model-quiet: 300 baseline predictions foretell 70 a week; 2 arrive.
		Instant baselineAt = AS_OF.minus(Duration.ofDays(30)).plus(Duration.ofHours(3));
		write(partition(LAKE, baselineAt).resolve("life-baseline.jsonl"),
				records(TENANT + "/model-quiet", 300, (i) -> i / 299.0, baselineAt), false);
		write(partition(LAKE, day(3, 1)).resolve("life-current.jsonl"),
				records(TENANT + "/model-quiet", 2, (i) -> 0.5, day(3, 1)), false);
	}

	@AfterAll
	void cleanUp() {
		this.admin.deleteQueue(this.eventsQueue);
	}

	@Test
	void aFindingIsOpenedKeptAndResolvedWhileDryAndBackfillRunsMoveNothing() throws Exception {
		JsonNode first = run("{\"tenantIds\": [\"" + TENANT + "\", \"tenant-typo\"], \"asOf\": \"" + day(3, 2) + "\"}");
		assertThat(first.get("unknownTenants").toString()).isEqualTo("[\"tenant-typo\"]");
		assertThat(first.get("volumeDropped").asInt()).isEqualTo(1);
		assertThat(first.get("evaluationsStale").asInt()).isEqualTo(1);
		assertThat(first.get("backfill").asBoolean()).isFalse();
		Map<String, JsonNode> opened = events(3);
		JsonNode degraded = opened.get("ml.model.performance.degraded model-perf").get("data");
		assertThat(degraded.get("state").asString()).isEqualTo("new");
		assertThat(degraded.get("consecutiveRuns").asInt()).isEqualTo(1);
		assertThat(degraded.get("firstDetectedAt").asString()).isEqualTo(day(3, 2).toString());
		String alertId = degraded.get("alertId").asString();
		JsonNode volume = opened.get("ml.model.volume.dropped model-quiet").get("data");
		assertThat(volume.get("expected").asDouble()).isEqualTo(300 * 7 / 30.0);
		assertThat(volume.get("observed").asInt()).isEqualTo(2);
		assertThat(volume.get("state").asString()).isEqualTo("new");
		JsonNode stale = opened.get("ml.model.evaluation.stale model-stale").get("data");
		assertThat(stale.get("evaluationId").asString()).isEqualTo("life-stale");
		assertThat(stale.get("age").asString()).isEqualTo("PT480H");
		assertThat(stale.get("maxAge").asString()).isEqualTo("PT336H");

		JsonNode dry = run("{\"tenantIds\": [\"" + TENANT + "\"], \"asOf\": \"" + day(4, 2) + "\", \"dryRun\": true}");
		assertThat(dry.get("dryRun").asBoolean()).isTrue();
		assertThat(dry.get("eventsPublished").asInt()).isZero();
		assertThat(dry.get("performanceDegraded").asInt()).isEqualTo(1);
		assertNoMoreEvents();

		JsonNode second = run("{\"tenantIds\": [\"" + TENANT + "\"], \"asOf\": \"" + day(4, 2) + "\"}");
		JsonNode perf = result(second, "model-perf");
		assertThat(perf.get("alerts").get("brier").get("state").asString()).isEqualTo("ongoing");
		assertThat(perf.get("alerts").get("brier").get("consecutiveRuns").asInt()).isEqualTo(2);
		String report = get("/runs/" + second.get("runId").asString() + "/report").body();
		assertThat(report)
			.contains("Brier score 0.6 above the threshold 0.2. Ongoing since the run of 2026-11-25 (2 runs in a row).")
			.contains("Volume: 2 predictions this week, where the baseline foretells about 70.")
			.contains("Stale evaluations: the newest usable one is older than 14 days.");
		assertThat(result(dry, "model-perf").get("alerts").size()).as("a dry run moves no alert").isZero();
		JsonNode ongoing = events(3).get("ml.model.performance.degraded model-perf").get("data");
		assertThat(ongoing.get("state").asString()).isEqualTo("ongoing");
		assertThat(ongoing.get("alertId").asString()).isEqualTo(alertId);
		assertThat(ongoing.get("consecutiveRuns").asInt()).as("the dry run did not count").isEqualTo(2);
		assertThat(ongoing.get("firstDetectedAt").asString()).isEqualTo(day(3, 2).toString());

		JsonNode third = run("{\"tenantIds\": [\"" + TENANT + "\"], \"asOf\": \"" + day(5, 2) + "\"}");
		assertThat(third.get("findingsResolved").asInt()).isEqualTo(1);
		Map<String, JsonNode> afterRecovery = events(3);
		JsonNode recovered = afterRecovery.get("ml.model.performance.recovered model-perf").get("data");
		assertThat(recovered.get("alertId").asString()).isEqualTo(alertId);
		assertThat(recovered.get("metric").asString()).isEqualTo("brier");
		assertThat(recovered.get("value").asDouble()).isEqualTo(0.1);
		assertThat(recovered.get("consecutiveRuns").asInt()).isEqualTo(2);
		assertThat(recovered.get("firstDetectedAt").asString()).isEqualTo(day(3, 2).toString());
		assertThat(recovered.get("resolvedAt").asString()).isEqualTo(day(5, 2).toString());
		assertThat(afterRecovery.get("ml.model.volume.dropped model-quiet").get("data").get("consecutiveRuns").asInt())
			.isEqualTo(3);

		// Older than the newest completed run: a backfill, which publishes only if asked.
		JsonNode backfill = run("{\"tenantIds\": [\"" + TENANT + "\"], \"asOf\": \"" + day(3, 3) + "\"}");
		assertThat(backfill.get("backfill").asBoolean()).isTrue();
		assertThat(backfill.get("eventsPublished").asInt()).isZero();
		assertNoMoreEvents();
		JsonNode published = run(
				"{\"tenantIds\": [\"" + TENANT + "\"], \"asOf\": \"" + day(3, 4) + "\", \"publish\": true}");
		assertThat(published.get("backfill").asBoolean()).isTrue();
		JsonNode backfilled = events(3).get("ml.model.performance.degraded model-perf").get("data");
		assertThat(backfilled.get("value").asDouble()).isEqualTo(0.5);
		assertThat(backfilled.get("alertId").isNull()).as("a backfill has no lifecycle").isTrue();
		assertThat(backfilled.get("state").isNull()).isTrue();

		run("{\"tenantIds\": [\"" + TENANT + "\"], \"asOf\": \"" + day(6, 2) + "\"}");
		Map<String, JsonNode> last = events(2);
		assertThat(last.get("ml.model.evaluation.stale model-stale").get("data").get("consecutiveRuns").asInt())
			.as("neither the backfills nor the dry run moved the alert")
			.isEqualTo(4);
		assertThat(last).doesNotContainKey("ml.model.performance.degraded model-perf");
	}

	private static JsonNode result(JsonNode run, String modelId) {
		for (JsonNode result : run.get("results")) {
			if (result.get("modelId").asString().equals(modelId)) {
				return result;
			}
		}
		throw new AssertionError("no result for " + modelId + " in " + run);
	}

	private JsonNode run(String body) throws Exception {
		var response = post(body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	/** This tenant's next events, by type and model. */
	private Map<String, JsonNode> events(int count) {
		Map<String, JsonNode> events = new HashMap<>();
		List<String> seen = new ArrayList<>();
		while (events.size() < count) {
			Message message = this.rabbit.receive(this.eventsQueue, 10_000);
			assertThat(message).as("event %d of %d, after %s", events.size() + 1, count, seen).isNotNull();
			JsonNode event = this.json.readTree(message.getBody());
			if (TENANT.equals(event.get("tenantId").asString())) {
				String key = event.get("type").asString() + " " + event.get("data").get("modelId").asString();
				seen.add(key);
				events.put(key, event);
			}
		}
		assertNoMoreEvents();
		return events;
	}

	private void assertNoMoreEvents() {
		Message message;
		while ((message = this.rabbit.receive(this.eventsQueue, 500)) != null) {
			JsonNode event = this.json.readTree(message.getBody());
			assertThat(event.get("tenantId").asString()).as("an unexpected event: %s", event).isNotEqualTo(TENANT);
		}
	}

	/** asOf plus some days and hours. */
	private static Instant day(int days, int hours) {
		return AS_OF.plus(Duration.ofDays(days)).plus(Duration.ofHours(hours));
	}

	private static Document evaluation(String id, String modelId, Instant createdAt) {
		return new Document("_id", id).append("tenantId", TENANT)
			.append("modelId", modelId)
			.append("createdAt", Date.from(createdAt));
	}

}
