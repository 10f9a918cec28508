package io.modelmonitoring.security;

import java.util.ArrayList;
import java.util.List;

import io.modelmonitoring.contracts.ProblemTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answers the filters write before a controller have the shape and member order of
 * the handlers' ({@link ProblemExceptionHandlerTests}).
 */
class ProblemResponsesTests {

	@Test
	void aRefusalIsProblemJsonWithTheRfcsMemberOrder() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/ml/model-monitoring/run");
		MockHttpServletResponse response = new MockHttpServletResponse();

		ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
				"a bearer token is required (Authorization: Bearer <JWT>)");

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(response.getContentAsByteArray());
		List<String> names = new ArrayList<>();
		problem.propertyNames().forEach(names::add);
		assertThat(names).containsExactly("type", "title", "status", "detail", "instance");
		assertThat(problem.path("type").asString()).isEqualTo("urn:model-monitoring:problem:unauthorized");
		assertThat(problem.path("status").asInt()).isEqualTo(401);
		assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/ml/model-monitoring/run");
	}

}
