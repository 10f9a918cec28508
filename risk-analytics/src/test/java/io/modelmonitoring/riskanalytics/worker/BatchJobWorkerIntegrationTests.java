package io.modelmonitoring.riskanalytics.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.modelmonitoring.riskanalytics.support.ScriptedMlService;
import io.modelmonitoring.riskanalytics.support.TestBroker;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

import static io.modelmonitoring.riskanalytics.support.ScriptedMlService.problem;
import static io.modelmonitoring.riskanalytics.support.ScriptedMlService.slow;
import static io.modelmonitoring.riskanalytics.support.ScriptedMlService.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker's paths of one trigger, as SPEC §3 and docs/risk-analytics.md describe them,
 * against the shared application of {@link WorkerIntegrationTestBase}.
 */
class BatchJobWorkerIntegrationTests extends WorkerIntegrationTestBase {

	static final Path SCRAPE = Path.of("target", "prometheus-scrape.txt");

	@Test
	void fullTriggerRunsModelMonitoringAndPublishesCompleted() {
		String id = UUID.randomUUID().toString();
		broker.publishTrigger(trigger(id, "{\"tenantIds\": [\"tenant-1\", \"tenant-2\"]}"), "amqp-" + id);

		Message message = awaitOutcome(id);
		JsonNode event = read(message);
		assertThat(event.get("type").stringValue()).isEqualTo("workflow.job.completed");
		assertThat(event.get("version").intValue()).isEqualTo(1);
		assertThat(Instant.parse(event.get("timestamp").stringValue())).isBefore(Instant.now().plusSeconds(1));
		assertThat(event.get("tenantId").isNull()).isTrue();
		assertThat(event.get("source").stringValue()).isEqualTo("risk-analytics");
		assertThat(event.get("correlationId").stringValue()).isEqualTo(id);
		JsonNode data = event.get("data");
		assertThat(data.get("job").stringValue()).isEqualTo("model-monitoring");
		assertThat(data.get("triggerId").stringValue()).isEqualTo(id);
		assertThat(data.get("runId").stringValue()).isEqualTo("run-" + id);
		assertThat(data.get("tenants").intValue()).isEqualTo(3);
		assertThat(data.get("driftChecked").intValue()).isEqualTo(4);
		assertThat(data.get("performanceChecked").intValue()).isEqualTo(6);
		assertThat(data.get("attempts").intValue()).isEqualTo(1);
		assertThat(data.get("durationMs").longValue()).isNotNegative();
		assertThat(data.get("error").isNull()).isTrue();
		String authorization = mlService.requestsFor(id).get(0).getHeaders().get("Authorization");
		assertThat(authorization).startsWith("Bearer ");
		assertThat(verifiesWithTheTestSecret(authorization.substring("Bearer ".length()))).isTrue();

		MessageProperties properties = message.getMessageProperties();
		assertThat(properties.getContentType()).isEqualTo("application/json");
		assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
		assertThat(properties.getMessageId()).isEqualTo(event.get("id").stringValue());
		assertThat(UUID.fromString(properties.getMessageId())).isNotNull();
		assertThat(properties.getType()).isEqualTo("workflow.job.completed");
		assertThat(properties.getReceivedRoutingKey()).isEqualTo("workflow.job.completed");

		List<RecordedRequest> requests = mlService.requestsFor(id);
		assertThat(requests).hasSize(1);
		RecordedRequest request = requests.get(0);
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/ml/model-monitoring/run");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
		assertThat(read(request.getBody().utf8())).isEqualTo(read("{\"tenantIds\": [\"tenant-1\", \"tenant-2\"]}"));
	}

	@Test
	void aTriggerDeliveredTwiceIsRunAndReportedOnce() {
		String id = UUID.randomUUID().toString();
		broker.publishTrigger(trigger(id, "{}"), id);
		broker.publishTrigger(trigger(id, "{}"), id);
		awaitOutcome(id);
		// One trigger at a time, in queue order: once a later trigger is reported, the
		// second delivery has been handled too.
		String later = UUID.randomUUID().toString();
		broker.publishTrigger(trigger(later, "{}"), later);
		awaitOutcome(later);

		assertThat(broker.outcomes((message) -> isOutcome(message) && id.equals(correlationId(message)))).hasSize(1);
		assertThat(mlService.requestsFor(id)).hasSize(1);
	}

	@Test
	void minimalTriggerStraightToTheQueueTakesItsIdFromTheMessageIdAndAsksForAllTenants() {
		String messageId = UUID.randomUUID().toString();
		broker.publishToQueue("{\"job\": \"model-monitoring\", \"metadata\": {}}", messageId);

		JsonNode event = read(awaitOutcome(messageId));
		assertThat(event.get("type").stringValue()).isEqualTo("workflow.job.completed");
		assertThat(event.at("/data/triggerId").stringValue()).isEqualTo(messageId);
		assertThat(mlService.requestsFor(messageId)).singleElement()
			.satisfies((request) -> assertThat(request.getBody().utf8()).isEqualTo("{}"));
	}

	@Test
	void minimalTriggerWithoutMessageIdGetsAGeneratedId() {
		String tenant = "tenant-" + UUID.randomUUID();
		broker.publishToQueue("{\"job\": \"model-monitoring\", \"metadata\": {\"tenantIds\": [\"" + tenant + "\"]}}",
				null);

		RecordedRequest request = await().atMost(WAIT)
			.until(() -> mlService.requests()
				.stream()
				.filter((candidate) -> candidate.getBody().utf8().contains(tenant))
				.findFirst()
				.orElse(null), (found) -> found != null);
		String generated = ScriptedMlService.idempotencyKey(request);
		assertThat(UUID.fromString(generated)).isNotNull();
		JsonNode event = read(awaitOutcome(generated));
		assertThat(event.get("type").stringValue()).isEqualTo("workflow.job.completed");
	}

	@Test
	void serverErrorsAreRetriedUntilASuccess() {
		String id = UUID.randomUUID().toString();
		mlService.script(id, problem(503, "Service Unavailable", "MongoDB cannot be reached"),
				problem(500, "Internal Server Error", "boom"), success(id));
		broker.publishTrigger(trigger(id, "{}"), id);

		JsonNode event = read(awaitOutcome(id));
		assertThat(event.get("type").stringValue()).isEqualTo("workflow.job.completed");
		assertThat(event.at("/data/attempts").intValue()).isEqualTo(3);
		assertThat(event.at("/data/runId").stringValue()).isEqualTo("run-" + id);
		assertThat(mlService.requestsFor(id)).hasSize(3);
	}

	@Test
	void serverErrorsUntilTheLastAttemptFailTheJobAndParkTheTrigger() {
		String id = UUID.randomUUID().toString();
		mlService.script(id, unavailable(), unavailable(), unavailable(), success(id));
		String body = trigger(id, "{\"tenantIds\": [\"tenant-1\"]}");
		broker.publishTrigger(body, id);

		JsonNode event = read(awaitOutcome(id));
		assertThat(event.get("type").stringValue()).isEqualTo("workflow.job.failed");
		JsonNode data = event.get("data");
		assertThat(data.get("attempts").intValue()).isEqualTo(3);
		assertThat(data.get("runId").isNull()).isTrue();
		assertThat(data.get("tenants").intValue()).isZero();
		assertThat(data.get("error").stringValue())
			.isEqualTo("ml-service answered 503 Service Unavailable: RabbitMQ cannot be reached");
		assertThat(mlService.requestsFor(id)).hasSize(3);

		Message parked = awaitParked(id);
		assertThat(TestBroker.body(parked)).isEqualTo(body);
		assertThat(parked.getMessageProperties().getHeaders()).containsEntry("x-attempts", 3)
			.containsEntry("x-job", "model-monitoring")
			.containsEntry("x-exception-message",
					"ml-service answered 503 Service Unavailable: RabbitMQ cannot be reached")
			.containsEntry("x-original-exchange", broker.exchange)
			.containsEntry("x-original-routingKey", "workflow.job.trigger");
		assertThat(parked.getMessageProperties().getHeaders().get("x-exception-stacktrace").toString())
			.contains("TransientJobFailureException", "HttpServerErrorException");
		assertThat(parked.getMessageProperties().getMessageId()).isEqualTo(id);
	}

	@Test
	void aTimeoutIsRetriedAndThenFailsTheJob() {
		String id = UUID.randomUUID().toString();
		mlService.script(id, slow(success(id), 3000), slow(success(id), 3000), slow(success(id), 3000));
		broker.publishTrigger(trigger(id, "{}"), id);

		JsonNode event = read(awaitOutcome(id));
		assertThat(event.get("type").stringValue()).isEqualTo("workflow.job.failed");
		assertThat(event.at("/data/attempts").intValue()).isEqualTo(3);
		assertThat(event.at("/data/error").stringValue()).isEqualTo(
				"ml-service did not answer within PT1S " + "(services.ml_service.read_timeout) at " + mlService.url());
		assertThat(awaitParked(id).getMessageProperties().getHeaders()).containsEntry("x-attempts", 3);
	}

	@Test
	void aConflictIsNotRetried() {
		String id = UUID.randomUUID().toString();
		mlService.script(id, problem(409, "Conflict", "a model-monitoring run is already in progress for tenant-1"),
				success(id));
		broker.publishTrigger(trigger(id, "{\"tenantIds\": [\"tenant-1\"]}"), id);

		JsonNode event = read(awaitOutcome(id));
		assertThat(event.get("type").stringValue()).isEqualTo("workflow.job.failed");
		assertThat(event.at("/data/attempts").intValue()).isEqualTo(1);
		assertThat(event.at("/data/error").stringValue())
			.isEqualTo("ml-service answered 409 Conflict: a model-monitoring run is already in progress for tenant-1");
		assertThat(mlService.requestsFor(id)).hasSize(1);
		assertThat(awaitParked(id).getMessageProperties().getHeaders()).containsEntry("x-attempts", 1);
	}

	@Test
	void aBadRequestIsNotRetried() {
		String id = UUID.randomUUID().toString();
		mlService.script(id, problem(400, "Bad Request", "tenantIds[0] must not be blank"), success(id));
		broker.publishTrigger(trigger(id, "{\"tenantIds\": [\"tenant-1\"]}"), id);

		JsonNode event = read(awaitOutcome(id));
		assertThat(event.at("/data/error").stringValue())
			.isEqualTo("ml-service answered 400 Bad Request: tenantIds[0] must not be blank");
		assertThat(event.at("/data/attempts").intValue()).isEqualTo(1);
		assertThat(mlService.requestsFor(id)).hasSize(1);
	}

	static Stream<Arguments> badMessages() {
		return Stream.of(Arguments.of("not JSON", "job=model-monitoring", "message body is not JSON"),
				Arguments.of("empty body", "", "empty message body"),
				Arguments.of("JSON but not an object", "[\"model-monitoring\"]", "message body is not a JSON object"),
				Arguments.of("no job", "{\"metadata\": {}}", "no job: the message names no job to run"),
				Arguments.of("job not a string", "{\"job\": 7, \"metadata\": {}}", "job must be a non-blank string"),
				Arguments.of("unknown job", "{\"job\": \"make-coffee\", \"metadata\": {}}",
						"unknown job 'make-coffee' (known: model-monitoring)"),
				Arguments.of("metadata not an object", "{\"job\": \"model-monitoring\", \"metadata\": [1]}",
						"metadata must be an object"),
				Arguments.of("tenantIds not a list",
						"{\"job\": \"model-monitoring\", \"metadata\": {\"tenantIds\": \"tenant-1\"}}",
						"metadata.tenantIds must be a list of tenant ids"),
				Arguments.of("tenantIds not strings",
						"{\"job\": \"model-monitoring\", \"metadata\": {\"tenantIds\": [\"tenant-1\", 2]}}",
						"metadata.tenantIds[1] must be a non-blank string, not 2"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badMessages")
	void aBadMessageFailsWithItsReasonAndIsParked(String name, String body, String reason) {
		String messageId = UUID.randomUUID().toString();
		broker.publishTrigger(body, messageId);

		JsonNode event = read(awaitOutcome(messageId));
		assertThat(event.get("type").stringValue()).isEqualTo("workflow.job.failed");
		assertThat(event.get("correlationId").stringValue()).isEqualTo(messageId);
		assertThat(event.at("/data/error").stringValue()).startsWith(reason);
		assertThat(event.at("/data/attempts").intValue()).isZero();

		Message parked = awaitParked(messageId);
		assertThat(TestBroker.body(parked)).isEqualTo(body);
		assertThat(parked.getMessageProperties().getHeaders().get("x-exception-message").toString()).startsWith(reason);
		assertThat(parked.getMessageProperties().getHeaders()).containsEntry("x-attempts", 0)
			.containsEntry("x-original-routingKey", "workflow.job.trigger");
		assertThat(mlService.requestsFor(messageId)).isEmpty();
	}

	@Test
	void theWorkerGoesOnAfterABadMessage() {
		String bad = UUID.randomUUID().toString();
		String good = UUID.randomUUID().toString();
		broker.publishTrigger("{not json", bad);
		broker.publishTrigger(trigger(good, "{}"), good);

		assertThat(read(awaitOutcome(bad)).get("type").stringValue()).isEqualTo("workflow.job.failed");
		assertThat(read(awaitOutcome(good)).get("type").stringValue()).isEqualTo("workflow.job.completed");
		await().atMost(WAIT).until(() -> broker.depth(broker.queue) == 0);
	}

	@Test
	void metricsAreServedForPrometheus() throws IOException {
		String id = UUID.randomUUID().toString();
		broker.publishTrigger(trigger(id, "{}"), id);
		awaitOutcome(id);
		String failed = UUID.randomUUID().toString();
		broker.publishTrigger("{\"job\": \"make-coffee\"}", failed);
		awaitOutcome(failed);

		RestClient client = RestClient.create("http://127.0.0.1:" + this.port);
		String scrape = client.get().uri("/actuator/prometheus").retrieve().body(String.class);
		assertThat(scrape).contains("batch_job_runs_total{job_name=\"model-monitoring\",status=\"completed\"}")
			.contains("batch_job_runs_total{job_name=\"unknown\",status=\"failed\"}")
			.contains("batch_job_duration_seconds_bucket{job_name=\"model-monitoring\",le=")
			.contains("batch_job_duration_seconds_count{job_name=\"model-monitoring\"}")
			.contains("batch_job_last_success_timestamp_seconds{job_name=\"model-monitoring\"}")
			// Registered at start-up, so that an alert on its increase works at once.
			.contains("batch_job_messages_dropped_total{reason=\"not_parked\"}")
			.contains("batch_job_last_failure_timestamp_seconds{job_name=\"unknown\"}");
		for (String series : List.of("batch_job_last_success_timestamp_seconds{job_name=\"model-monitoring\"}",
				"batch_job_last_failure_timestamp_seconds{job_name=\"unknown\"}")) {
			String line = scrape.lines().filter((candidate) -> candidate.startsWith(series)).findFirst().orElseThrow();
			double seconds = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			assertThat(seconds).as(series)
				.isBetween(Instant.now().getEpochSecond() - 60.0, Instant.now().getEpochSecond() + 1.0);
		}
		// The deployment check compares the dashboards' and alerts' metric names with it.
		Files.createDirectories(SCRAPE.getParent());
		Files.writeString(SCRAPE, scrape, StandardCharsets.UTF_8);

		assertThat(client.get().uri("/actuator/health").retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(200);
		HttpStatusCode env = client.get()
			.uri("/actuator/env")
			.exchange((request, response) -> response.getStatusCode());
		assertThat(env.value()).isEqualTo(404);
	}

	/** A 503 as ml-service sends it when a dependency is down. */
	private static MockResponse unavailable() {
		return problem(503, "Service Unavailable", "RabbitMQ cannot be reached");
	}

	/** Checked with Nimbus's verifier, not the worker's minting code. */
	private static boolean verifiesWithTheTestSecret(String token) {
		try {
			return com.nimbusds.jwt.SignedJWT.parse(token)
				.verify(new com.nimbusds.jose.crypto.MACVerifier(
						"test-secret-for-the-integration-tests-0123456789".getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			return false;
		}
	}

}
