package io.modelmonitoring.mlservice.monitoring;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

import io.modelmonitoring.security.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad requests get a 400 problem+json that names the field, and start no run. */
class RunRequestValidationIntegrationTests extends MonitoringIntegrationTestBase {

	static Stream<Arguments> badBodies() {
		return Stream.of(Arguments.of("not JSON", "{\"tenantIds\": [", null),
				Arguments.of("a JSON array", "[\"tenant-1\"]", null),
				Arguments.of("tenantIds a string", "{\"tenantIds\": \"tenant-1\"}", "tenantIds"),
				Arguments.of("tenantIds numbers", "{\"tenantIds\": [1, 2]}", "tenantIds[0]"),
				Arguments.of("tenantIds a boolean inside", "{\"tenantIds\": [\"a\", true]}", "tenantIds[1]"),
				Arguments.of("tenantIds with null", "{\"tenantIds\": [\"a\", null]}", "tenantIds[1]"),
				Arguments.of("tenantIds with an empty string", "{\"tenantIds\": [\"\"]}", "tenantIds[0]"),
				Arguments.of("tenantIds an operator object", "{\"tenantIds\": {\"$ne\": null}}", "tenantIds"),
				Arguments.of("tenantIds nested lists", "{\"tenantIds\": [[\"a\"]]}", null),
				Arguments.of("asOf not a date", "{\"asOf\": \"yesterday\"}", "asOf"),
				Arguments.of("asOf a date without time", "{\"asOf\": \"2026-11-22\"}", "asOf"),
				Arguments.of("asOf in the future", "{\"asOf\": \"2999-01-01T00:00:00Z\"}", "asOf"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badBodies")
	void badBodyIsAProblemNamingTheField(String name, String body, String field) throws Exception {
		HttpResponse<String> response = post(body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("urn:model-monitoring:problem:invalid-request");
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		if (field != null) {
			assertThat(problem.get("fields").get(0).asString()).isEqualTo(field);
			assertThat(problem.get("detail").asString()).startsWith(field);
		}
		assertThat(problem.get("detail").asString()).doesNotContain("tools.jackson").doesNotContain("java.");
	}

	@Test
	void aBodyThatIsNotJsonContentIsUnsupported() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/run"))
			.header("Content-Type", "text/plain")
			.header("Authorization", "Bearer " + TestTokens.ML_SERVICE.valid())
			.POST(HttpRequest.BodyPublishers.ofString("tenant-1"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void aListLimitOutOfRangeIsAProblem() throws Exception {
		HttpResponse<String> response = get("/runs?limit=0");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(response.body()).get("fields").get(0).asString()).isEqualTo("limit");
	}

}
