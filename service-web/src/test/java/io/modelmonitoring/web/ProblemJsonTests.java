package io.modelmonitoring.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A problem as the services write it: RFC 9457's members first, in its order, then the
 * problem's own, at the top level. Jackson 3 alone writes them alphabetically.
 */
class ProblemJsonTests {

	@Test
	void theMembersComeInTheRfcsOrderThenTheProblemsOwn() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "down");
		problem.setProperty("dependency", "JWK set");
		problem.setInstance(URI.create("/api/v1/things"));
		problem.setTitle("JWK set unavailable");
		problem.setType(URI.create("urn:model-monitoring:problem:dependency-unavailable"));

		JsonNode json = JsonMapper.shared().readTree(ProblemJson.text(problem));

		List<String> names = new ArrayList<>();
		json.propertyNames().forEach(names::add);
		assertThat(names).containsExactly("type", "title", "status", "detail", "instance", "dependency");
		assertThat(json.path("status").asInt()).isEqualTo(503);
		assertThat(json.path("dependency").asString()).isEqualTo("JWK set");
		assertThat(ProblemJson.bytes(problem)).isEqualTo(ProblemJson.text(problem).getBytes());
	}

}
