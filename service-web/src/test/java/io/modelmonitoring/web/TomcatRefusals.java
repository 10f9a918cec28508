package io.modelmonitoring.web;

import io.modelmonitoring.testsupport.RawHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service answers to a request Tomcat refuses itself (see
 * {@link RawHttp#refusedByTomcat}): 400 problem+json, the connection closed, nothing of
 * the request quoted and no server named. Public in this module's test jar for the
 * services' own refusal tests.
 */
public final class TomcatRefusals {

	private TomcatRefusals() {
	}

	public static void assertProblem(RawHttp.Answer answer, RawHttp.Refused refused, int port) {
		assertThat(answer.status()).as("%s on port %d: %s", refused, port, answer).isEqualTo(400);
		assertThat(answer.header("Content-Type")).as(refused.name()).isEqualTo("application/problem+json");
		assertThat(answer.header("Connection")).as(refused.name()).isEqualTo("close");
		JsonNode problem = JsonMapper.shared().readTree(answer.body());
		assertThat(problem.path("type").asString()).isEqualTo("urn:model-monitoring:problem:invalid-request");
		assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(problem.path("detail").asString()).startsWith("the request is malformed");
		// Tomcat's own page quoted the request and named the server; the answer does
		// neither.
		assertThat(answer.body()).doesNotContain(refused.quoted()).doesNotContainIgnoringCase("tomcat");
	}

}
