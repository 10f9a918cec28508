package io.modelmonitoring.riskanalytics.worker;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.modelmonitoring.contracts.JobTrigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TriggerParserTests {

	private final TriggerParser parser = new TriggerParser(JsonMapper.builder().build());

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

	private JobTrigger parse(String body) {
		return this.parser.parse(body.getBytes(StandardCharsets.UTF_8), "fallback");
	}

}
