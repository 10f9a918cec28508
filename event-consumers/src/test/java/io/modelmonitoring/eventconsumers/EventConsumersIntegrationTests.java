package io.modelmonitoring.eventconsumers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.modelmonitoring.eventconsumers.support.Azurite;
import io.modelmonitoring.eventconsumers.support.Events;
import io.modelmonitoring.eventconsumers.support.TestAlertmanager;
import io.modelmonitoring.eventconsumers.support.TestBroker;
import io.modelmonitoring.security.testing.TestJwts;
import io.modelmonitoring.security.testing.TestTokens;
import io.modelmonitoring.testsupport.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The service against real servers: the local RabbitMQ (an exchange and queues of this
 * run only), Azurite (a container of this run, which the consumer creates on its first
 * write) and Alertmanager (a tenant of this run in every alert, so runs never see each
 * other's). Retries wait 50 ms, doubling, three tries.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class EventConsumersIntegrationTests {

	static final TestBroker broker = TestBroker.start("test.event-consumers");

	static final String CONTAINER = "audit-test-" + UUID.randomUUID();

	static final String RUNBOOK = "https://github.com/org/repo/blob/main/docs/runbooks/model-monitoring.md";

	static final String TENANT = "tenant-" + UUID.randomUUID();

	static final Duration WAIT = Duration.ofSeconds(20);

	static final Path SCRAPE = Path.of("target", "prometheus-scrape.txt");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.rabbitmq.addresses", TestServers::rabbitAddresses);
		registry.add("messaging.exchange", () -> broker.exchange);
		registry.add("messaging.max_message_size", () -> "64KB");
		registry.add("audit_log.connection_string", Azurite::connectionString);
		registry.add("audit_log.container", () -> CONTAINER);
		registry.add("audit_log.queue", () -> broker.auditQueue);
		registry.add("audit_log.error_queue", () -> broker.auditErrorQueue);
		registry.add("audit_log.retry.initial_delay", () -> "50ms");
		registry.add("audit_log.retry.max_attempts", () -> "3");
		registry.add("alerting.alertmanager_url", TestAlertmanager::url);
		registry.add("alerting.runbook_base_url", () -> RUNBOOK);
		registry.add("alerting.queue", () -> broker.alertQueue);
		registry.add("alerting.error_queue", () -> broker.alertErrorQueue);
		registry.add("alerting.retry.initial_delay", () -> "50ms");
		registry.add("alerting.retry.max_attempts", () -> "3");
	}

	@Autowired
	JsonMapper json;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	@AfterAll
	static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) {
		listeners.stop();
		broker.close();
		Azurite.service().getBlobContainerClient(CONTAINER).deleteIfExists();
	}

	@Test
	void oneMessageBecomesOneLineInItsDaysBlob() {
		String id = UUID.randomUUID().toString();
		String event = Events.driftDetected(id, TENANT, "model-audit-1");
		broker.publish("ml.model.drift.detected", event, id);

		List<String> lines = awaitLines("ml_audit_log/year=2026/month=11/day=22/" + id + ".jsonl");

		assertThat(lines).hasSize(1);
		JsonNode line = this.json.readTree(lines.get(0));
		assertThat(line.get("message")).isEqualTo(this.json.readTree(event));
		JsonNode audit = line.get("audit");
		assertThat(audit.get("messageId").stringValue()).isEqualTo(id);
		assertThat(audit.get("type").stringValue()).isEqualTo("ml.model.drift.detected");
		assertThat(audit.get("routingKey").stringValue()).isEqualTo("ml.model.drift.detected");
		assertThat(audit.get("exchange").stringValue()).isEqualTo(broker.exchange);
		assertThat(audit.get("partitionedBy").stringValue()).isEqualTo("timestamp");
		assertThat(Instant.parse(audit.get("receivedAt").stringValue())).isCloseTo(Instant.now(),
				within(1, ChronoUnit.MINUTES));
	}

	@Test
	void theSameMessageDeliveredTwiceIsOneLine() {
		String id = UUID.randomUUID().toString();
		double duplicates = count("ml_audit_records", "outcome", "duplicate");
		broker.publish("workflow.job.completed", Events.jobCompleted(id), id);
		broker.publish("workflow.job.completed", Events.jobCompleted(id), id);

		await().atMost(WAIT).until(() -> count("ml_audit_records", "outcome", "duplicate") >= duplicates + 1);

		String day = "ml_audit_log/year=2026/month=11/day=22/";
		assertThat(blobNames(day)).filteredOn((name) -> name.contains(id)).containsExactly(day + id + ".jsonl");
		assertThat(awaitLines(day + id + ".jsonl")).hasSize(1);
	}

	@Test
	void aMessageWithoutATimestampGoesToTheDayItWasReceived() {
		String id = UUID.randomUUID().toString();
		broker.publish("workflow.job.trigger", "{\"job\": \"model-monitoring\", \"metadata\": {}}", id);

		Instant today = Instant.now();
		String day = String.format("ml_audit_log/year=%tY/month=%<tm/day=%<td/", java.util.Date.from(today));
		List<String> lines = awaitLines(day + id + ".jsonl");
		JsonNode line = this.json.readTree(lines.get(0));
		assertThat(line.at("/audit/messageId").stringValue()).isEqualTo(id);
		assertThat(line.at("/audit/partitionedBy").stringValue()).isEqualTo("receivedAt");
		assertThat(line.at("/message/job").stringValue()).isEqualTo("model-monitoring");
	}

	static Stream<Arguments> brokenMessages() {
		return Stream.of(
				Arguments.of("not JSON", "id=1 job=model-monitoring", "id-" + UUID.randomUUID(), "not-json",
						"message body is not JSON"),
				Arguments.of("a JSON array", "[1, 2]", "id-" + UUID.randomUUID(), "not-json",
						"message body is not a JSON object"),
				Arguments.of("an empty body", "", "id-" + UUID.randomUUID(), "not-json", "empty message body"),
				Arguments.of("no id", "{\"type\": \"ml.model.drift.detected\"}", null, "no-id",
						"the message has no id"),
				Arguments.of("over the size bound", "{\"id\": \"big\", \"pad\": \"" + "x".repeat(70 * 1024) + "\"}",
						"id-" + UUID.randomUUID(), "too-large", "message body of 71"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenMessages")
	void aBrokenMessageIsParkedAtOnceWithItsReasonAndCounted(String name, String body, String messageId, String reason,
			String detail) {
		double parked = count("ml_consumer_messages_parked", "queue", broker.auditQueue, "reason", reason);
		// A routing key only the audit queue is bound for.
		String routingKey = "ml.model.test." + UUID.randomUUID();
		broker.publish(routingKey, body, messageId);

		Message message = await().atMost(WAIT)
			.until(() -> broker.received(broker.auditErrorQueue,
					(candidate) -> routingKey
						.equals(candidate.getMessageProperties().getHeaders().get("x-original-routingKey"))),
					(found) -> found != null);

		assertThat(TestBroker.body(message)).isEqualTo(body);
		assertThat(message.getMessageProperties().getMessageId()).isEqualTo(messageId);
		Map<String, Object> headers = message.getMessageProperties().getHeaders();
		assertThat(headers).containsEntry("x-park-reason", reason)
			.containsEntry("x-attempts", 1)
			.containsEntry("x-original-exchange", broker.exchange);
		assertThat(headers.get("x-exception-message").toString()).startsWith(detail).hasSizeLessThanOrEqualTo(1000);
		assertThat(headers.get("x-exception-stacktrace").toString()).hasSizeLessThanOrEqualTo(4000);
		assertThat(count("ml_consumer_messages_parked", "queue", broker.auditQueue, "reason", reason))
			.isEqualTo(parked + 1);
		await().atMost(WAIT).until(() -> broker.depth(broker.auditQueue) == 0);
	}

	@Test
	void aDriftEventFiresItsAlertAndTheResolvedEventEndsIt() {
		String tenant = TENANT + "-drift";
		String id = UUID.randomUUID().toString();
		broker.publish("ml.model.drift.detected", Events.driftDetected(id, tenant, "win-probability"), id);

		JsonNode alert = awaitAlerts("tenant=\"" + tenant + "\"").get(0);

		assertThat(alert.at("/status/state").stringValue()).isEqualTo("active");
		JsonNode labels = alert.get("labels");
		assertThat(labels.get("alertname").stringValue()).isEqualTo("ModelDriftDetected");
		assertThat(labels.get("tenant").stringValue()).isEqualTo(tenant);
		assertThat(labels.get("model").stringValue()).isEqualTo("win-probability");
		assertThat(labels.get("metric").stringValue()).isEqualTo("psi");
		assertThat(labels.get("severity").stringValue()).isEqualTo("warning");
		// Alertmanager drops labels with an empty value: a null segment is no label.
		assertThat(labels.has("segment")).isFalse();
		JsonNode annotations = alert.get("annotations");
		assertThat(annotations.get("value").stringValue()).isEqualTo("0.31");
		assertThat(annotations.get("threshold").stringValue()).isEqualTo("0.2");
		assertThat(annotations.get("p_value").stringValue()).isEqualTo("4.0E-4");
		assertThat(annotations.get("summary").stringValue())
			.isEqualTo("The predictions of model win-probability of " + "tenant " + tenant
					+ " drifted: PSI 0.31 above the threshold 0.2, p-value 4.0E-4. " + "Found in 3 consecutive runs.");
		assertThat(annotations.get("report_url").stringValue())
			.isEqualTo("https://ml.example.com/api/v1/ml/model-monitoring/runs/run-1/report#m");
		assertThat(annotations.get("runbook_url").stringValue()).isEqualTo(RUNBOOK + "#modeldriftdetected");
		assertThat(annotations.get("event_id").stringValue()).isEqualTo(id);
		assertThat(alert.get("generatorURL").stringValue())
			.isEqualTo("https://ml.example.com/api/v1/ml/model-monitoring/runs/run-1/report#m");
		assertThat(Instant.parse(alert.get("startsAt").stringValue())).isEqualTo("2026-11-08T06:01:00Z");
		assertThat(Instant.parse(alert.get("endsAt").stringValue())).isCloseTo(Instant.now().plus(Duration.ofDays(8)),
				within(1, ChronoUnit.MINUTES));

		String resolved = UUID.randomUUID().toString();
		broker.publish("ml.model.drift.resolved", Events.driftResolved(resolved, tenant, "win-probability"), resolved);

		await().atMost(WAIT).until(() -> TestAlertmanager.activeAlerts("tenant=\"" + tenant + "\"").isEmpty());
		assertThat(count("ml_alerts_forwarded", "alertname", "ModelDriftDetected", "action", "resolved")).isPositive();
	}

	@Test
	void aDegradedMetricFiresAnAlertPerMetricAndItsSegment() {
		String tenant = TENANT + "-degraded";
		String brier = UUID.randomUUID().toString();
		String mae = UUID.randomUUID().toString();
		broker.publish("ml.model.performance.degraded",
				Events.performanceDegraded(brier, tenant, "risk-score", "brier"), brier);
		broker.publish("ml.model.performance.degraded", Events.performanceDegraded(mae, tenant, "risk-score", "mae"),
				mae);

		List<JsonNode> alerts = await().atMost(WAIT)
			.until(() -> TestAlertmanager.activeAlerts("tenant=\"" + tenant + "\""), (found) -> found.size() == 2);

		assertThat(alerts).extracting((alert) -> alert.at("/labels/metric").stringValue())
			.containsExactlyInAnyOrder("brier", "mae");
		JsonNode alert = alerts.stream()
			.filter((candidate) -> "brier".equals(candidate.at("/labels/metric").stringValue()))
			.findFirst()
			.orElseThrow();
		assertThat(alert.at("/labels/alertname").stringValue()).isEqualTo("ModelPerformanceDegraded");
		assertThat(alert.at("/labels/segment").stringValue()).isEqualTo("region=emea");
		assertThat(alert.at("/annotations/value").stringValue()).isEqualTo("0.27");
		assertThat(alert.at("/annotations/summary").stringValue()).isEqualTo("The brier of model risk-score of tenant "
				+ tenant + " (segment region=emea) is 0.27, above the threshold 0.2.");
		assertThat(alert.at("/annotations/runbook_url").stringValue()).isEqualTo(RUNBOOK + "#modelperformancedegraded");
		// No firstDetectedAt: the alert starts at the event's timestamp.
		assertThat(Instant.parse(alert.get("startsAt").stringValue())).isEqualTo("2026-11-22T06:01:02Z");
	}

	@Test
	void aVolumeDropIsCriticalAndAStaleEvaluationAWarning() {
		String tenant = TENANT + "-health";
		String volume = UUID.randomUUID().toString();
		String stale = UUID.randomUUID().toString();
		broker.publish("ml.model.volume.dropped", """
				{"id": "%s", "type": "ml.model.volume.dropped", "timestamp": "2026-11-22T06:01:02Z", "tenantId": "%s",
				 "data": {"modelId": "forecast", "segment": null, "expected": 700, "observed": 12}}
				""".formatted(volume, tenant), volume);
		broker.publish("ml.model.evaluation.stale", """
				{"id": "%s", "type": "ml.model.evaluation.stale", "timestamp": "2026-11-22T06:01:02Z", "tenantId": "%s",
				 "data": {"modelId": "forecast"}}
				""".formatted(stale, tenant), stale);

		List<JsonNode> alerts = await().atMost(WAIT)
			.until(() -> TestAlertmanager.activeAlerts("tenant=\"" + tenant + "\""), (found) -> found.size() == 2);

		JsonNode dropped = alert(alerts, "ModelVolumeDropped");
		assertThat(dropped.at("/labels/metric").stringValue()).isEqualTo("volume");
		assertThat(dropped.at("/labels/severity").stringValue()).isEqualTo("critical");
		assertThat(dropped.at("/annotations/value").stringValue()).isEqualTo("12");
		assertThat(dropped.at("/annotations/expected").stringValue()).isEqualTo("700");
		assertThat(dropped.at("/annotations/runbook_url").stringValue()).isEqualTo(RUNBOOK + "#modelvolumedropped");
		JsonNode stalled = alert(alerts, "ModelEvaluationStale");
		assertThat(stalled.at("/labels/metric").stringValue()).isEqualTo("evaluation_age");
		assertThat(stalled.at("/labels/severity").stringValue()).isEqualTo("warning");
		assertThat(stalled.at("/annotations/summary").stringValue())
			.isEqualTo("The newest usable evaluation of model forecast of tenant " + tenant
					+ " is older than the run allows.");
		assertThat(stalled.has("generatorURL") && !stalled.get("generatorURL").stringValue().isEmpty()).isFalse();
	}

	@Test
	void anEventWithoutATenantIsParkedAtOnceAndSentNowhere() {
		String id = UUID.randomUUID().toString();
		double parked = count("ml_consumer_messages_parked", "queue", broker.alertQueue, "reason", "invalid");
		broker.publish("ml.model.evaluation.stale", """
				{"id": "%s", "type": "ml.model.evaluation.stale", "timestamp": "2026-11-22T06:01:02Z",
				 "data": {"modelId": "forecast"}}
				""".formatted(id), id);

		Message message = await().atMost(WAIT)
			.until(() -> broker.received(broker.alertErrorQueue, TestBroker.messageId(id)), (found) -> found != null);

		assertThat(message.getMessageProperties().getHeaders()).containsEntry("x-park-reason", "invalid")
			.containsEntry("x-attempts", 1);
		assertThat(message.getMessageProperties().getHeaders().get("x-exception-message").toString())
			.contains("has no tenantId");
		assertThat(count("ml_consumer_messages_parked", "queue", broker.alertQueue, "reason", "invalid"))
			.isEqualTo(parked + 1);
	}

	@Test
	void healthAndMetricsAreOpenAndEveryOtherPathNeedsAToken() throws IOException {
		String id = UUID.randomUUID().toString();
		broker.publish("ml.model.drift.detected", Events.driftDetected(id, TENANT + "-scrape", "scraped"), id);
		awaitLines("ml_audit_log/year=2026/month=11/day=22/" + id + ".jsonl");
		await().atMost(WAIT).until(() -> !TestAlertmanager.activeAlerts("tenant=\"" + TENANT + "-scrape\"").isEmpty());

		RestClient client = RestClient.create("http://127.0.0.1:" + this.port);
		String scrape = client.get().uri("/actuator/prometheus").retrieve().body(String.class);
		assertThat(scrape).contains("ml_audit_records_total{outcome=\"written\"}")
			.contains("ml_alerts_forwarded_total{action=\"fired\",alertname=\"ModelDriftDetected\"}")
			.contains("ml_consumer_enabled{consumer=\"audit_log\"} 1.0")
			.contains("ml_consumer_enabled{consumer=\"alert_forwarder\"} 1.0")
			.doesNotContain(TENANT);
		Files.createDirectories(SCRAPE.getParent());
		Files.writeString(SCRAPE, scrape, StandardCharsets.UTF_8);

		JsonNode health = this.json.readTree(client.get().uri("/actuator/health").retrieve().body(String.class));
		assertThat(health.get("status").stringValue()).isEqualTo("UP");
		assertThat(health.at("/components/auditLog/status").stringValue()).isEqualTo("UP");
		assertThat(health.at("/components/alertForwarder/status").stringValue()).isEqualTo("UP");

		assertThat(status(client, "/api/v1/event-consumers/parked", null)).isEqualTo(401);
		assertThat(status(client, "/actuator/env", null)).isEqualTo(401);
		String token = TestJwts.hs256(
				TestJwts.claims(TestTokens.ISSUER, "operator", "event-consumers", "event-consumers:admin").build(),
				TestTokens.SECRET);
		assertThat(status(client, "/api/v1/event-consumers/parked", token)).isEqualTo(404);
		String otherAudience = TestJwts.hs256(
				TestJwts.claims(TestTokens.ISSUER, "operator", "ml-service", "event-consumers:admin").build(),
				TestTokens.SECRET);
		assertThat(status(client, "/api/v1/event-consumers/parked", otherAudience)).isEqualTo(401);
	}

	private static int status(RestClient client, String path, String token) {
		return client.get().uri(path).headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		}).exchange((request, response) -> response.getStatusCode().value());
	}

	private static JsonNode alert(List<JsonNode> alerts, String alertname) {
		return alerts.stream()
			.filter((alert) -> alertname.equals(alert.at("/labels/alertname").stringValue()))
			.findFirst()
			.orElseThrow();
	}

	private static List<JsonNode> awaitAlerts(String... matchers) {
		return await().atMost(WAIT).until(() -> TestAlertmanager.activeAlerts(matchers), (found) -> !found.isEmpty());
	}

	private List<String> awaitLines(String blobName) {
		BlobContainerClient container = Azurite.service().getBlobContainerClient(CONTAINER);
		String content = await().atMost(WAIT).ignoreExceptions().until(() -> {
			var blob = container.getBlobClient(blobName);
			return blob.exists() ? blob.downloadContent().toString() : null;
		}, (found) -> found != null);
		assertThat(content).endsWith("\n");
		return content.lines().toList();
	}

	private static List<String> blobNames(String prefix) {
		BlobContainerClient container = Azurite.service().getBlobContainerClient(CONTAINER);
		return container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null)
			.stream()
			.map(BlobItem::getName)
			.toList();
	}

	private double count(String name, String... tags) {
		var counter = this.meters.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
