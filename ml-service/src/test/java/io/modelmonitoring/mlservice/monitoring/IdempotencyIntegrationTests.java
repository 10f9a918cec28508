package io.modelmonitoring.mlservice.monitoring;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.modelmonitoring.mlservice.runs.MonitoringRunStore;
import io.modelmonitoring.mlservice.runs.RequestFingerprint;
import io.modelmonitoring.mlservice.runs.RunOptions;
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
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request repeated with its Idempotency-Key is one run: the stored answer when the run
 * completed, a wait when it is in progress, the same run id (and so the same event ids)
 * when it failed or its instance died. And the outbox relay publishes what is pending.
 * Each test has tenants of its own, with one evaluation whose Brier (0.5) and MAE (0.3)
 * are both above their 0.2 thresholds: two events per run.
 */
class IdempotencyIntegrationTests extends MonitoringIntegrationTestBase {

	private static final String EVALUATIONS = "ml_evaluations";

	@Autowired
	MongoTemplate mongo;

	@Autowired
	AmqpAdmin admin;

	@Autowired
	RabbitTemplate rabbit;

	final String eventsQueue = TestServers.uniqueName("test.ml-service.idempotency");

	final List<String> tenants = new ArrayList<>();

	@BeforeAll
	void declareQueue() {
		this.admin.declareExchange(new TopicExchange(EXCHANGE, true, false));
		Queue queue = new Queue(this.eventsQueue, false, false, false);
		this.admin.declareQueue(queue);
		this.admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(EXCHANGE)).with("ml.model.#"));
	}

	@AfterAll
	void cleanUp() {
		this.admin.deleteQueue(this.eventsQueue);
		this.mongo.remove(new Query(Criteria.where("tenantId").in(this.tenants)), EVALUATIONS);
	}

	@Test
	void aRepeatedKeyGetsTheFirstAnswerAndPublishesNothingAgain() throws Exception {
		String tenant = tenantWithTwoFindings();
		String body = "{\"tenantIds\": [\"" + tenant + "\"]}";
		HttpResponse<String> first = postWithHeaders(body, "Idempotency-Key", "trigger-" + tenant);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		JsonNode answer = this.json.readTree(first.body());
		assertThat(answer.get("eventsPublished").asInt()).isEqualTo(2);
		assertThat(answer.get("eventsPending").asInt()).isZero();
		assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(receive(2)).allSatisfy(
				(event) -> assertThat(event.get("correlationId").asString()).isEqualTo(answer.get("runId").asString()));

		HttpResponse<String> repeated = postWithHeaders(body, "Idempotency-Key", "trigger-" + tenant);
		assertThat(repeated.statusCode()).as(repeated.body()).isEqualTo(200);
		assertThat(repeated.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(this.json.readTree(repeated.body())).isEqualTo(answer);
		assertNoMoreEvents();
	}

	@Test
	void requestsWithOneKeyAtTheSameMomentAreOneRun() throws Exception {
		String tenant = tenantWithTwoFindings();
		String body = "{\"tenantIds\": [\"" + tenant + "\"]}";
		ExecutorService callers = Executors.newFixedThreadPool(5);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<HttpResponse<String>>> calls = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				calls.add(callers.submit(() -> {
					start.await();
					return postQuietly(body, "trigger-" + tenant);
				}));
			}
			start.countDown();
			List<HttpResponse<String>> answers = new ArrayList<>();
			for (Future<HttpResponse<String>> call : calls) {
				answers.add(call.get(30, TimeUnit.SECONDS));
			}
			assertThat(answers)
				.allSatisfy((answer) -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200));
			assertThat(answers.stream().map((answer) -> this.json.readTree(answer.body()).get("runId").asString()))
				.hasSize(5)
				.containsOnly(this.json.readTree(answers.get(0).body()).get("runId").asString());
			assertThat(answers).filteredOn((answer) -> answer.headers().firstValue("Idempotent-Replayed").isEmpty())
				.hasSize(1);
			receive(2);
			assertNoMoreEvents();
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void aKeyedRunRefusedForABusyTenantLeavesItsKeyFreeForARetry() throws Exception {
		String tenant = tenantWithTwoFindings();
		String body = "{\"tenantIds\": [\"" + tenant + "\"]}";
		this.mongo.insert(new Document("_id", tenant).append("runId", "another-run")
			.append("expiresAt", Date.from(Instant.now().plusSeconds(60))), "ml_tenant_leases");
		HttpResponse<String> refused = postQuietly(body, "trigger-" + tenant);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);

		this.mongo.remove(new Query(Criteria.where("_id").is(tenant)), "ml_tenant_leases");
		HttpResponse<String> retried = postQuietly(body, "trigger-" + tenant);
		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
		assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
		receive(2);
	}

	@Test
	void aKeyReusedForADifferentRequestIs422() throws Exception {
		String tenant = tenantWithTwoFindings();
		String key = "trigger-" + tenant;
		assertThat(postWithHeaders("{\"tenantIds\": [\"" + tenant + "\"]}", "Idempotency-Key", key).statusCode())
			.isEqualTo(200);
		receive(2);
		HttpResponse<String> reused = postWithHeaders("{\"tenantIds\": [\"" + tenant + "\", \"other\"]}",
				"Idempotency-Key", key);
		assertThat(reused.statusCode()).as(reused.body()).isEqualTo(422);
		assertThat(reused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(reused.body()).get("type").asString())
			.isEqualTo("urn:model-monitoring:problem:idempotency-key-reused");
		assertNoMoreEvents();
	}

	@Test
	void aRepeatWaitsForTheRunInProgressAndGetsItsAnswer() throws Exception {
		String tenant = unusedTenant();
		String key = "trigger-" + tenant;
		insertRun("run-" + tenant, key, tenant, "running", Instant.now().plusSeconds(60));
		CompletableFuture<HttpResponse<String>> repeat = CompletableFuture
			.supplyAsync(() -> postQuietly("{\"tenantIds\": [\"" + tenant + "\"]}", key));
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> !repeat.isDone());

		Document result = new Document("runId", "run-" + tenant).append("asOf", AS_OF.toString())
			.append("tenants", 1)
			.append("results", List.of());
		for (String count : List.of("performanceChecked", "performanceDegraded", "driftChecked", "driftDetected",
				"driftSkipped", "invalidEvaluations", "invalidRecords", "eventsPublished", "eventsPending",
				"durationMs")) {
			result.append(count, 0);
		}
		this.mongo.updateFirst(new Query(Criteria.where("_id").is("run-" + tenant)),
				new Update().set("status", "completed").set("result", result), MonitoringRunStore.COLLECTION);
		HttpResponse<String> answer = repeat.get();
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(this.json.readTree(answer.body()).get("runId").asString()).isEqualTo("run-" + tenant);
	}

	@Test
	void aRunStillInProgressAfterTheWaitIs409WithRetryAfter() throws Exception {
		String tenant = unusedTenant();
		insertRun("run-" + tenant, "trigger-" + tenant, tenant, "running", Instant.now().plusSeconds(60));
		HttpResponse<String> response = postWithHeaders("{\"tenantIds\": [\"" + tenant + "\"]}", "Idempotency-Key",
				"trigger-" + tenant);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
		assertThat(response.headers().firstValue("Retry-After")).isPresent();
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("urn:model-monitoring:problem:idempotent-run-in-progress");
		assertThat(problem.get("runningRunId").asString()).isEqualTo("run-" + tenant);
	}

	@Test
	void aRunLeftRunningByADeadInstanceIsTakenOverUnderItsId() throws Exception {
		String tenant = tenantWithTwoFindings();
		String runId = "run-" + tenant;
		insertRun(runId, "trigger-" + tenant, tenant, "running", Instant.now().minusSeconds(1));
		HttpResponse<String> response = postWithHeaders("{\"tenantIds\": [\"" + tenant + "\"]}", "Idempotency-Key",
				"trigger-" + tenant);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(this.json.readTree(response.body()).get("runId").asString()).isEqualTo(runId);
		assertThat(receive(2))
			.allSatisfy((event) -> assertThat(event.get("correlationId").asString()).isEqualTo(runId));
		assertThat(get("/runs/" + runId).body()).contains("\"status\":\"completed\"");
	}

	@Test
	void aFailedRunRunsAgainAndDoesNotPublishAnEventItsFirstAttemptDelivered() throws Exception {
		String tenant = tenantWithTwoFindings();
		String runId = "run-" + tenant;
		insertRun(runId, "trigger-" + tenant, tenant, "failed", Instant.now().minusSeconds(1));
		// The first attempt's Brier event was confirmed before the run failed. Its id is
		// the documented rule: a name-based UUID of run, type, tenant, model and metric.
		String brierEventId = UUID
			.nameUUIDFromBytes(String.join("\u0000", runId, "ml.model.performance.degraded", tenant, "model-a", "brier")
				.getBytes(StandardCharsets.UTF_8))
			.toString();
		this.mongo.insert(new Document("_id", brierEventId).append("runId", runId)
			.append("type", "ml.model.performance.degraded")
			.append("json", "{}")
			.append("status", "sent")
			.append("createdAt", new Date())
			.append("seq", 0), "ml_event_outbox");

		HttpResponse<String> response = postWithHeaders("{\"tenantIds\": [\"" + tenant + "\"]}", "Idempotency-Key",
				"trigger-" + tenant);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode answer = this.json.readTree(response.body());
		assertThat(answer.get("runId").asString()).isEqualTo(runId);
		assertThat(answer.get("eventsPublished").asInt()).isEqualTo(2);
		List<JsonNode> events = receive(1);
		assertThat(events.get(0).get("data").get("metric").asString()).isEqualTo("mae");
		assertNoMoreEvents();
	}

	@Test
	void theRelayPublishesAPendingEventWithItsOwnIdAndMarksItSent() throws Exception {
		String id = UUID.randomUUID().toString();
		String json = "{\"id\":\"" + id + "\",\"type\":\"ml.model.drift.detected\",\"tenantId\":\"relay\"}";
		this.mongo.insert(new Document("_id", id).append("runId", "run-relay")
			.append("type", "ml.model.drift.detected")
			.append("json", json)
			.append("status", "pending")
			.append("attempts", 1)
			.append("createdAt", new Date())
			.append("seq", 0)
			.append("claimedUntil", new Date()), "ml_event_outbox");
		Message message = this.rabbit.receive(this.eventsQueue, 10_000);
		assertThat(message).isNotNull();
		assertThat(message.getMessageProperties().getMessageId()).isEqualTo(id);
		assertThat(message.getMessageProperties().getType()).isEqualTo("ml.model.drift.detected");
		assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).isEqualTo(json);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> "sent".equals(this.mongo.findById(id, Document.class, "ml_event_outbox").getString("status")));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.http
				.send(java.net.http.HttpRequest
					.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus"))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body()
				.contains("ml_events_pending 0.0"));
	}

	private String unusedTenant() {
		String tenant = "idem-" + UUID.randomUUID();
		this.tenants.add(tenant);
		return tenant;
	}

	private String tenantWithTwoFindings() {
		String tenant = unusedTenant();
		this.mongo.insert(new Document("_id", "eval-" + tenant).append("tenantId", tenant)
			.append("modelId", "model-a")
			.append("createdAt", Date.from(AS_OF.minus(Duration.ofDays(1))))
			.append("brier", 0.5)
			.append("mae", 0.3), EVALUATIONS);
		return tenant;
	}

	private void insertRun(String runId, String key, String tenant, String status, Instant leaseUntil) {
		this.mongo.insert(
				new Document("_id", runId).append("status", status)
					.append("asOf", Date.from(AS_OF))
					.append("tenantIds", List.of(tenant))
					.append("startedAt", new Date())
					.append("leaseUntil", Date.from(leaseUntil))
					.append("idempotencyKey", key)
					.append("fingerprint", RequestFingerprint.of(List.of(tenant), null, RunOptions.DEFAULT)),
				MonitoringRunStore.COLLECTION);
	}

	private HttpResponse<String> postQuietly(String body, String key) {
		try {
			return postWithHeaders(body, "Idempotency-Key", key);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<JsonNode> receive(int count) {
		List<JsonNode> events = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Message message = this.rabbit.receive(this.eventsQueue, 10_000);
			assertThat(message).as("event %d of %d", i + 1, count).isNotNull();
			events.add(this.json.readTree(message.getBody()));
		}
		return events;
	}

	private void assertNoMoreEvents() {
		assertThat(this.rabbit.receive(this.eventsQueue, 500)).as("no event beyond the expected ones").isNull();
	}

}
