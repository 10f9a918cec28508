package io.modelmonitoring.riskanalytics.worker;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.modelmonitoring.contracts.JobTrigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TriggerParserTests {

	static final DataSize DEFAULT_MAX = DataSize.ofKilobytes(256);

	private final TriggerParser parser = new TriggerParser(JsonMapper.builder().build(), DEFAULT_MAX);

	@Test
	void readsTheFullTrigger() {
		JobTrigger trigger = parse("""
				{"id": "5b0f", "type": "workflow.job.trigger", "timestamp": "2026-11-22T06:00:00Z",
				 "source": "workflow-orchestrator", "job": "model-monitoring",
				 "metadata": {"tenantIds": ["tenant-1", "tenant-2"]}, "triggeredBy": "schedule", "extra": 1}
				""");

		assertThat(trigger).isEqualTo(new JobTrigger("5b0f", "workflow.job.trigger",
				Instant.parse("2026-11-22T06:00:00Z"), "workflow-orchestrator", "model-monitoring",
				new JobTrigger.Metadata(List.of("tenant-1", "tenant-2")), "schedule"));
	}

	@Test
	void theMinimalTriggerTakesTheFallbackIdAndMeansAllTenants() {
		JobTrigger trigger = parse("{\"job\": \"model-monitoring\", \"metadata\": {}}");

		assertThat(trigger.id()).isEqualTo("fallback");
		assertThat(trigger.job()).isEqualTo("model-monitoring");
		assertThat(trigger.metadata().tenantIds()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			no metadata          | {"job": "model-monitoring"}
			null metadata        | {"job": "model-monitoring", "metadata": null}
			null tenantIds       | {"job": "model-monitoring", "metadata": {"tenantIds": null}}
			empty tenantIds      | {"job": "model-monitoring", "metadata": {"tenantIds": []}}
			bad informational    | {"job": "model-monitoring", "timestamp": "yesterday", "source": 7}
			""")
	void allTenants(String name, String body) {
		assertThat(parse(body).metadata().tenantIds()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					empty                | ''                                                   | empty message body
					blank                | '  '                                                 | empty message body
					not JSON             | job=model-monitoring                                 | message body is not JSON
					cut off              | '{"job": "model-monitoring"'                         | message body is not JSON
					array                | '["model-monitoring"]'                               | message body is not a JSON object
					string               | '"model-monitoring"'                                 | message body is not a JSON object
					no job               | '{"metadata": {}}'                                   | no job
					null job             | '{"job": null}'                                      | no job
					blank job            | '{"job": " "}'                                       | job must be a non-blank string
					number job           | '{"job": 1}'                                         | job must be a non-blank string
					number id            | '{"id": 5, "job": "model-monitoring"}'               | id must be a non-blank string
					metadata a list      | '{"job": "model-monitoring", "metadata": []}'        | metadata must be an object
					tenantIds a string   | '{"job": "model-monitoring", "metadata": {"tenantIds": "t-1"}}'        | metadata.tenantIds must be a list
					tenantIds an object  | '{"job": "model-monitoring", "metadata": {"tenantIds": {"t": 1}}}'     | metadata.tenantIds must be a list
					tenantIds numbers    | '{"job": "model-monitoring", "metadata": {"tenantIds": [1, 2]}}'       | metadata.tenantIds[0] must be a non-blank string
					tenantIds with null  | '{"job": "model-monitoring", "metadata": {"tenantIds": ["t-1", null]}}' | metadata.tenantIds[1] must be a non-blank string
					tenantIds blank      | '{"job": "model-monitoring", "metadata": {"tenantIds": [""]}}'         | metadata.tenantIds[0] must be a non-blank string
					""")
	void rejects(String name, String body, String reason) {
		assertThatExceptionOfType(InvalidTriggerException.class).isThrownBy(() -> parse(body))
			.withMessageStartingWith(reason)
			.satisfies((ex) -> assertThat(ex.triggerId()).isEqualTo("fallback"));
	}

	/**
	 * The bounds of TriggerRule and TenantIdRule, each one over and (below) just at the
	 * bound. {@code \\u2028} and the like are JSON escapes: the parser reads the
	 * character.
	 */
	static Stream<Arguments> overTheBounds() {
		return Stream.of(
				Arguments.of("an id of 256 characters", "{\"id\": \"" + "i".repeat(256) + "\", \"job\": \"j\"}",
						"id must be at most 255 characters, not 256"),
				Arguments.of("an id with CR LF", "{\"id\": \"t-1\\r\\nFORGED\", \"job\": \"j\"}",
						"id must hold no control, format or line separator characters, not \"t-1\\r\\nFORGED\""),
				Arguments.of("a job of 129 characters", "{\"job\": \"" + "j".repeat(129) + "\"}",
						"job must be at most 128 characters, not 129"),
				Arguments.of("a job with a LINE SEPARATOR", "{\"job\": \"model-monitoring\\u2028FORGED\"}",
						"job must hold no control, format or line separator characters, not "
								+ "\"model-monitoring\\u2028FORGED\""),
				Arguments.of("a tenant id with a space", "{\"job\": \"j\", \"metadata\": {\"tenantIds\": [\"t 1\"]}}",
						"metadata.tenantIds[0] must be 1 to 128 letters, digits, '.', '_', ':' or '-', not \"t 1\""),
				Arguments.of("a tenant id of 129 characters",
						"{\"job\": \"j\", \"metadata\": {\"tenantIds\": [\"t-1\", \"" + "t".repeat(129) + "\"]}}",
						"metadata.tenantIds[1] must be 1 to 128 letters"),
				Arguments.of("1,001 tenant ids",
						"{\"job\": \"j\", \"metadata\": {\"tenantIds\": " + tenantIds(1001, 4) + "}}",
						"metadata.tenantIds must hold at most 1000 tenant ids, not 1001"),
				Arguments.of("a triggeredBy of 201 characters",
						"{\"job\": \"j\", \"triggeredBy\": \"" + "b".repeat(201) + "\"}",
						"triggeredBy must be at most 200 characters, not 201"),
				Arguments.of("a triggeredBy with NEL", "{\"job\": \"j\", \"triggeredBy\": \"bob\\u0085FORGED\"}",
						"triggeredBy must hold no control, format or line separator characters, not \"bob\\u0085FORGED\""),
				Arguments.of("a triggeredBy with RLO", "{\"job\": \"j\", \"triggeredBy\": \"bob\\u202Eevil\"}",
						"triggeredBy must hold no control"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("overTheBounds")
	void aTriggerOverItsBoundsIsInvalid(String name, String body, String reason) {
		assertThatExceptionOfType(InvalidTriggerException.class).isThrownBy(() -> parse(body))
			.withMessageStartingWith(reason)
			.satisfies((ex) -> assertThat(ex.triggerId()).isEqualTo("fallback"));
	}

	@Test
	void aTriggerAtItsBoundsIsRead() {
		String body = "{\"id\": \"" + "i".repeat(255) + "\", \"job\": \"" + "j".repeat(128) + "\", \"triggeredBy\": \""
				+ "b".repeat(200) + "\", \"metadata\": {\"tenantIds\": " + tenantIds(1000, 128) + "}}";
		assertThat(body.length()).as("the largest trigger the contract allows").isGreaterThan(130_000);

		JobTrigger trigger = parse(body);

		assertThat(trigger.id()).hasSize(255);
		assertThat(trigger.job()).hasSize(128);
		assertThat(trigger.triggeredBy()).hasSize(200);
		assertThat(trigger.metadata().tenantIds()).hasSize(1000);
	}

	@Test
	void aBodyOverTheMaximumSizeIsRefusedBeforeItIsParsed() {
		TriggerParser small = new TriggerParser(JsonMapper.builder().build(), DataSize.ofKilobytes(1));
		byte[] body = ("{\"job\": \"" + "j".repeat(1016)).getBytes(StandardCharsets.UTF_8);
		assertThat(body.length).isEqualTo(1025);

		assertThatExceptionOfType(InvalidTriggerException.class).isThrownBy(() -> small.parse(body, "fallback"))
			.withMessage("message body of 1025 bytes is over batch_jobs.worker.max_message_size (1024 bytes)")
			.satisfies((ex) -> assertThat(ex.triggerId()).isEqualTo("fallback"));
		assertThat(small.parse("{\"job\": \"j\"}".getBytes(StandardCharsets.UTF_8), "fallback").job()).isEqualTo("j");
	}

	@Test
	void aReasonQuotesARefusedValueEscapedAndCutShort() {
		String body = "{\"job\": \"j\", \"metadata\": {\"tenantIds\": [\"\\r\\n" + "x".repeat(100_000) + "\"]}}";

		assertThatExceptionOfType(InvalidTriggerException.class).isThrownBy(() -> parse(body))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\r", "\n")
				.contains("\\r\\nxxx", "...[truncated, 100002 chars]")
				.hasSizeLessThan(300));
	}

	@Test
	void aBadTenantListKeepsTheTriggerIdAndJob() {
		assertThatExceptionOfType(InvalidTriggerException.class)
			.isThrownBy(
					() -> parse("{\"id\": \"t-9\", \"job\": \"model-monitoring\", \"metadata\": {\"tenantIds\": 1}}"))
			.satisfies((ex) -> {
				assertThat(ex.triggerId()).isEqualTo("t-9");
				assertThat(ex.job()).isEqualTo("model-monitoring");
			});
	}

	/** A JSON list of {@code count} distinct tenant ids of {@code length} characters. */
	static String tenantIds(int count, int length) {
		return IntStream.range(0, count)
			.mapToObj((i) -> "\"" + String.format("%0" + length + "d", i) + "\"")
			.collect(Collectors.joining(",", "[", "]"));
	}

	private JobTrigger parse(String body) {
		return this.parser.parse(body.getBytes(StandardCharsets.UTF_8), "fallback");
	}

}
