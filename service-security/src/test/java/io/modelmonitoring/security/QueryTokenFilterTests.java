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
 * A request with a token in its URL is refused before anything else sees the URL: an
 * {@code access_token} query or path parameter in any case and percent-encoding, or
 * anything shaped like a JWT. Any other URL is passed on untouched.
 */
class QueryTokenFilterTests {

	static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

	/** {@code {"alg":"none"}}, a payload, and no signature. */
	static final String UNSIGNED = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.";

	final QueryTokenFilter filter = new QueryTokenFilter();

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "access_token=" + TOKEN, "tenantId=tenant-1&access_token=" + TOKEN,
			"access_token=" + TOKEN + "&limit=5", "ACCESS_TOKEN=opaque", "Access_Token=opaque", "access%5Ftoken=opaque",
			"access%5ftoken=opaque", "%61ccess%5Ftoken=opaque", "access_token", "access_token=",
			"limit=5;access_token=opaque", "access_token%20=opaque", "access+token=" + TOKEN, "token=" + TOKEN,
			"q=Bearer%20" + TOKEN, "t=" + UNSIGNED, "t=%65yJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln" })
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
	@ValueSource(strings = { "/api/v1/things;access_token=opaque", "/api/v1/things;ACCESS_TOKEN=opaque",
			"/api/v1/things;jsessionid=1;Access%5FToken=opaque", "/api/v1;access_token=opaque/things",
			"/api/v1/things/" + TOKEN, "/api/v1/things/a%3B" + TOKEN })
	void aTokenInThePathIsRefused(String path) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request, response, chain);

		assertThat(chain.getRequest()).as("passed on").isNull();
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentAsString()).doesNotContain(TOKEN);
	}

	@ParameterizedTest(name = "{0}")
	@NullSource
	@ValueSource(strings = { "tenantId=tenant-1", "limit=5&tenantId=access_token", "not_an_access_token=1",
			"tenantId=eyewear.europe.north-west", "tenantId=eyJ.a.b", "q=%zz%4", "tenantId=caf%C3%A9" })
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
