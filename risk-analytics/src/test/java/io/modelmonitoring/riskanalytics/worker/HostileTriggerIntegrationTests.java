package io.modelmonitoring.riskanalytics.worker;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelmonitoring.riskanalytics.support.ScriptedMlService;
import io.modelmonitoring.riskanalytics.support.TestBroker;
import io.modelmonitoring.testsupport.LogCapture;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Triggers published to attack the worker (docs/security.md, "Hostile input"): each ends
 * after a bounded number of deliveries without holding up the triggers behind it, and no
 * value from a message reaches a log line raw.
 */
class HostileTriggerIntegrationTests extends WorkerIntegrationTestBase {

	/**
	 * Over RabbitMQ's frame_max (128 KiB) once in a header, under the message size cap.
	 */
	static final int POISON_LENGTH = 150_000;

	/** What a log line must not hold raw: line breaks, NEL, the separators, RLO. */
	static final List<String> LINE_BREAKERS = List.of("\r", "\n", "\u0085", "\u2028", "\u2029", "\u202E");

	@Autowired
	MeterRegistry registry;

	/**
	 * As the red-team found it: the copy to the error queue carried the value in its
	 * headers, over the broker's frame limit, and went back to the head of the queue for
	 * ever. ml-service refuses an Idempotency-Key over 255 characters with a 400; the
	 * stub does the same for the huge id.
	 */
	static Stream<Arguments> poison() {
		String hugeId = "p".repeat(POISON_LENGTH);
		return Stream.of(
				Arguments.of("an id of 150 KB", "{\"id\": \"" + hugeId + "\", \"job\": \"model-monitoring\"}",
						"id must be"),
				Arguments.of("a job name of 150 KB", "{\"id\": \"%s\", \"job\": \"" + "j".repeat(POISON_LENGTH) + "\"}",
						"job must be"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("poison")
	void aTriggerTooLargeForTheErrorQueueFailsOnceAndTheTriggerBehindItIsHandled(String name, String template,
			String reason) {
		String messageId = UUID.randomUUID().toString();
		String body = template.contains("%s") ? template.formatted(messageId) : template;
		mlService.script("p".repeat(POISON_LENGTH),
				Collections
					.nCopies(100,
							ScriptedMlService.problem(400, "Bad Request",
									"Idempotency-Key: must be 1 to 255 characters"))
					.toArray(MockResponse[]::new));
		String behind = UUID.randomUUID().toString();
		broker.publishTrigger(body, messageId);
		broker.publishTrigger(trigger(behind, "{}"), behind);

		assertThat(read(awaitOutcome(behind)).get("type").stringValue()).isEqualTo("workflow.job.completed");
		await().atMost(WAIT).until(() -> broker.depth(broker.queue) == 0);
		// An id over the bound is not the trigger's id: the failure is reported under the
		// message id, as for a body without a usable id.
		List<Message> outcomes = broker
			.outcomes((message) -> isOutcome(message) && messageId.equals(correlationId(message)));
		assertThat(outcomes).as("one delivery, one outcome").singleElement().satisfies((outcome) -> {
			JsonNode event = read(outcome);
			assertThat(event.get("type").stringValue()).isEqualTo("workflow.job.failed");
			assertThat(event.at("/data/error").stringValue()).startsWith(reason).hasSizeLessThan(1000);
			assertThat(event.at("/data/attempts").intValue()).isZero();
		});
		Message parked = awaitParked(messageId);
		assertThat(TestBroker.body(parked)).isEqualTo(body);
		assertThat(parked.getMessageProperties().getHeaders().get("x-exception-message").toString()).startsWith(reason);
		assertThat(mlService.requests()).as("no call with the huge id")
			.noneMatch((request) -> longKey(request) || request.getBody().size() > 100_000);
	}

	/**
	 * A reason as long as ml-service's answer: the outcome carries it whole, the error
	 * queue's headers cut, saying so.
	 */
	@Test
	void aLongReasonIsCutInTheErrorQueueHeadersWhichNameWhatWasCut() {
		String id = UUID.randomUUID().toString();
		String detail = "d".repeat(200_000);
		mlService.script(id, ScriptedMlService.problem(400, "Bad Request", detail));
		broker.publishTrigger(trigger(id, "{}"), id);

		JsonNode event = read(awaitOutcome(id));
		assertThat(event.at("/data/error").stringValue()).endsWith(detail);
		Map<String, Object> headers = awaitParked(id).getMessageProperties().getHeaders();
		assertThat(headers.get("x-exception-message").toString()).startsWith("ml-service answered 400 Bad Request: ddd")
			.endsWith("...[truncated, 200037 chars]")
			.hasSize(ErrorQueuePublisher.MAX_EXCEPTION_MESSAGE_LENGTH + "...[truncated, 200037 chars]".length());
		assertThat(headers.get("x-exception-stacktrace").toString()).contains("JobFailedException")
			.hasSizeLessThanOrEqualTo(ErrorQueuePublisher.MAX_STACK_TRACE_LENGTH + 40);
		assertThat(headers).containsEntry("x-headers-truncated", "x-exception-message,x-exception-stacktrace")
			.containsEntry("x-trigger-id", id)
			.containsEntry("x-job", "model-monitoring");
	}

	/**
	 * A message whose own headers fill the frame: the copy with the failure's headers
	 * cannot be taken by the broker, however short they are. It is tried a bounded number
	 * of times, then acknowledged, logged with its size and counted.
	 */
	@Test
	void aFailedTriggerTheErrorQueueCannotTakeIsDroppedCountedAndLoggedWithItsSize() {
		String id = UUID.randomUUID().toString();
		String body = "{\"id\": \"" + id + "\", \"job\": \"make-coffee\"}";
		double droppedBefore = dropped("not_parked");
		String behind = UUID.randomUUID().toString();
		try (LogCapture logs = LogCapture.start()) {
			broker.publishTrigger(body, id, Map.of("x-padding", "h".repeat(128_000)));
			broker.publishTrigger(trigger(behind, "{}"), behind);

			assertThat(read(awaitOutcome(behind)).get("type").stringValue()).isEqualTo("workflow.job.completed");
			await().atMost(WAIT).until(() -> broker.depth(broker.queue) == 0);
			assertThat(dropped("not_parked")).isEqualTo(droppedBefore + 1);
			assertThat(broker.outcomes((message) -> isOutcome(message) && id.equals(correlationId(message))))
				.as("the failure is reported once")
				.singleElement()
				.satisfies((outcome) -> assertThat(read(outcome).get("type").stringValue())
					.isEqualTo("workflow.job.failed"));
			assertThat(broker.parked(TestBroker.header("x-trigger-id", id))).isNull();
			assertThat(logs.events()).anySatisfy((line) -> assertThat(line).contains("dropped", "triggerId=" + id,
					"bodyBytes=" + body.length(), "headerBytes="));
		}
	}

	static Stream<Arguments> forgedLines() {
		return Stream.of(
				Arguments.of("CR LF in the id", "{\"id\": \"%s\\r\\nFORGED id\", \"job\": \"model-monitoring\"}"),
				Arguments.of("LF in the job", "{\"id\": \"%s\", \"job\": \"model-monitoring\\nFORGED job\"}"),
				Arguments.of("CR LF in a tenant id",
						"{\"id\": \"%s\", \"job\": \"model-monitoring\", \"metadata\": {\"tenantIds\": [\"t-1\\r\\nFORGED tenant\"]}}"),
				Arguments.of("PARAGRAPH SEPARATOR in a tenant id",
						"{\"id\": \"%s\", \"job\": \"model-monitoring\", \"metadata\": {\"tenantIds\": [\"t-1\\u2029FORGED tenant\"]}}"),
				Arguments.of("NEL in triggeredBy",
						"{\"id\": \"%s\", \"job\": \"model-monitoring\", \"triggeredBy\": \"bob\\u0085FORGED by\"}"),
				Arguments.of("LINE SEPARATOR in triggeredBy",
						"{\"id\": \"%s\", \"job\": \"model-monitoring\", \"triggeredBy\": \"bob\\u2028FORGED by\"}"),
				Arguments.of("RIGHT-TO-LEFT OVERRIDE in triggeredBy",
						"{\"id\": \"%s\", \"job\": \"model-monitoring\", \"triggeredBy\": \"bob\\u202EFORGED by\"}"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("forgedLines")
	void aValueThatWouldForgeALogLineIsLoggedEscaped(String name, String template) {
		String messageId = UUID.randomUUID().toString();
		try (LogCapture logs = LogCapture.start()) {
			broker.publishTrigger(template.formatted(messageId), messageId);

			// Under the message id, or, had the forged id been taken, under that.
			await().atMost(WAIT)
				.until(() -> broker.outcome((message) -> isOutcome(message)
						&& String.valueOf(correlationId(message)).startsWith(messageId)), (found) -> found != null);
			assertNoRawLineBreakers(logs.events());
		}
	}

	/**
	 * A message id is no trigger id when it could forge a line: a body without an id then
	 * gets a generated one, and the message id is logged escaped.
	 */
	@Test
	void aMessageIdThatWouldForgeALogLineIsLoggedEscapedAndNotUsedAsTheTriggerId() {
		String tenant = "tenant-" + UUID.randomUUID();
		try (LogCapture logs = LogCapture.start()) {
			broker.publishToQueue(
					"{\"job\": \"model-monitoring\", \"metadata\": {\"tenantIds\": [\"" + tenant + "\"]}}",
					"m-1\r\nFORGED message id");

			RecordedRequest request = await().atMost(WAIT)
				.until(() -> mlService.requests()
					.stream()
					.filter((candidate) -> candidate.getBody().utf8().contains(tenant))
					.findFirst()
					.orElse(null), (found) -> found != null);
			String generated = ScriptedMlService.idempotencyKey(request);
			assertThat(UUID.fromString(generated)).isNotNull();
			awaitOutcome(generated);
			assertNoRawLineBreakers(logs.events());
		}
	}

	/**
	 * The forged value is in the log (so the test sees what was logged of it), and
	 * escaped: no event holds a line break, NEL, a separator or RLO.
	 */
	private static void assertNoRawLineBreakers(List<String> events) {
		assertThat(events).filteredOn((event) -> event.contains("FORGED")).isNotEmpty();
		assertThat(events).allSatisfy((event) -> assertThat(event).doesNotContain(LINE_BREAKERS));
	}

	private double dropped(String reason) {
		Counter counter = this.registry.find("batch_job_messages_dropped").tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static boolean longKey(RecordedRequest request) {
		String key = ScriptedMlService.idempotencyKey(request);
		return key != null && key.length() > 255;
	}

}
