package io.modelmonitoring.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request with {@code access_token} in its query string is refused before anything else
 * sees its URL; any other query string is passed on untouched.
 */
class QueryTokenFilterTests {

	static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

	final QueryTokenFilter filter = new QueryTokenFilter();

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "access_token=" + TOKEN, "tenantId=tenant-1&access_token=" + TOKEN,
			"access_token=" + TOKEN + "&limit=5" })
	void aTokenInTheQueryStringIsRefusedWithoutEchoingIt(String query) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/things");
		request.setQueryString(query);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request, response, chain);

		assertThat(chain.getRequest()).as("passed on").isNull();
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_request\"");
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(response.getContentAsByteArray());
		assertThat(problem.path("type").asString()).isEqualTo("urn:model-monitoring:problem:unauthorized");
		assertThat(problem.path("status").asInt()).isEqualTo(401);
		assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/things");
		assertThat(problem.path("detail").asString()).contains("Authorization: Bearer");
		assertThat(response.getContentAsString()).doesNotContain(TOKEN);
	}

	@ParameterizedTest(name = "{0}")
	@NullSource
	@ValueSource(strings = { "tenantId=tenant-1", "limit=5&tenantId=access_token", "not_an_access_token=1" })
	void anyOtherQueryIsPassedOn(String query) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/things");
		request.setQueryString(query);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request, response, chain);

		assertThat(chain.getRequest()).isSameAs(request);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("WWW-Authenticate")).isNull();
	}

}
