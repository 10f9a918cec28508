package io.modelmonitoring.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.stream.Stream;

import io.modelmonitoring.security.testing.TestJwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The module's lock on a minimal app of its own: a protected API at {@code /api/test/**}
 * with the scope {@code test:run}, a path outside it, and the probe paths. Through
 * MockMvc with the app's filters in their order: the refusal of a token in the URL,
 * Spring Security with this module's decoder, entry point and access-denied handler, then
 * the body cap. Spring Security logs at DEBUG meanwhile, and no token reaches the log.
 * What only a running Tomcat shows (slow bodies, cookies, its own logs) is
 * {@link SecuredServerIntegrationTests}'.
 */
@SpringBootTest(classes = ServiceSecurityConfigurationTests.SecuredApp.class,
		properties = { "security.jwt.hmac_secret=" + ServiceSecurityConfigurationTests.SECRET,
				"security.jwt.issuer=" + ServiceSecurityConfigurationTests.ISSUER,
				"security.jwt.audience=" + ServiceSecurityConfigurationTests.AUDIENCE, "security.max_request_body=1KB",
				"logging.level.org.springframework.security=DEBUG", "logging.level.io.modelmonitoring=DEBUG" })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class ServiceSecurityConfigurationTests {

	static final String SECRET = "a-secret-of-at-least-thirty-two-bytes-0123";

	static final String ISSUER = "https://issuer.test";

	static final String AUDIENCE = "test-service";

	static final String SCOPE = "test:run";

	@Autowired
	MockMvc mvc;

	static String token(String scope) {
		return TestJwts.hs256(TestJwts.claims(ISSUER, "caller", AUDIENCE, scope).build(), SECRET);
	}

	@Test
	void aTokenWithTheScopeIsTakenAndMakesNoSession() throws Exception {
		MvcResult result = this.mvc.perform(get("/api/test/things").header("Authorization", "Bearer " + token(SCOPE)))
			.andExpect(status().isOk())
			.andExpect(content().string("things"))
			.andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE))
			.andReturn();
		assertThat(result.getRequest().getSession(false)).isNull();
	}

	@Test
	void noTokenIsAskedForOne() throws Exception {
		unauthorized(this.mvc.perform(get("/api/test/things")))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, not(containsString("error="))))
			.andExpect(jsonPath("$.detail").value("a bearer token is required (Authorization: Bearer <JWT>)"))
			.andExpect(jsonPath("$.instance").value("/api/test/things"));
	}

	static Stream<Arguments> rejectedTokens() {
		Instant now = Instant.now();
		return Stream.of(Arguments.of("malformed", "not.a-jwt"),
				Arguments.of("expired",
						TestJwts.hs256(TestJwts.claims(ISSUER, "caller", AUDIENCE, SCOPE)
							.issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
							.expirationTime(Date.from(now.minus(Duration.ofMinutes(10))))
							.build(), SECRET)),
				Arguments.of("another audience",
						TestJwts.hs256(TestJwts.claims(ISSUER, "caller", "other-service", SCOPE).build(), SECRET)),
				Arguments.of("alg none",
						TestJwts.unsigned(TestJwts.claims(ISSUER, "caller", AUDIENCE, SCOPE).build())));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rejectedTokens")
	void aRejectedTokenIsAProblemSayingWhyWithoutTheToken(String name, String token, CapturedOutput output)
			throws Exception {
		unauthorized(this.mvc.perform(post("/api/test/things").header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer error=\"invalid_token\"")))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, not(containsString(token))))
			.andExpect(jsonPath("$.detail", startsWith("the bearer token was rejected: ")))
			.andExpect(content().string(not(containsString(token))));
		assertThat(output.getAll()).contains("refused").doesNotContain(token);
	}

	@ParameterizedTest(name = "scope {0}")
	@NullSource
	@ValueSource(strings = { "other:scope", "" })
	void aTokenWithoutTheScopeIsForbiddenNamingIt(String scope) throws Exception {
		this.mvc.perform(get("/api/test/things").header("Authorization", "Bearer " + token(scope)))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("error=\"insufficient_scope\"")))
			.andExpect(jsonPath("$.type").value("urn:model-monitoring:problem:forbidden"))
			.andExpect(jsonPath("$.status").value(403))
			.andExpect(jsonPath("$.detail").value("the token does not grant the scope test:run"));
	}

	@Test
	void basicCredentialsAreNotTaken() throws Exception {
		unauthorized(this.mvc.perform(get("/api/test/things").header("Authorization", "Basic dXNlcjpwYXNzd29yZA==")));
	}

	@Test
	void aTokenInTheUrlIsRefusedEvenBesideAGoodHeader(CapturedOutput output) throws Exception {
		String token = token(SCOPE);
		unauthorized(this.mvc.perform(get("/api/test/things").queryParam("access_token", token)))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_request\""));
		unauthorized(this.mvc.perform(get("/api/test/things").queryParam("limit", "5")
			.queryParam("access_token", token)
			.header("Authorization", "Bearer " + token)));
		assertThat(output.getAll()).doesNotContain(token);
	}

	/**
	 * The name in another case or percent-encoded, as a path parameter, or a JWT under
	 * any other name: all refused before Spring Security logs the URL (at DEBUG here).
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "?ACCESS_TOKEN=%s", "?Access_Token=%s", "?access%%5Ftoken=%s", "?access%%5ftoken=%s",
			"?%%61ccess_token=%s", "?limit=5;access_token=%s", "?token=%s", "?q=Bearer+%s", ";access_token=%s",
			"/x;ACCESS_TOKEN=%s", ";jsessionid=1;access_token=%s" })
	void aTokenAnywhereInTheUrlIsRefusedAndNotLogged(String url, CapturedOutput output) throws Exception {
		String token = token(SCOPE);
		MvcResult result = unauthorized(
				this.mvc.perform(get(URI.create("/api/test/things" + String.format(url, token)))))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_request\""))
			.andReturn();
		assertThat(result.getResponse().getContentAsString()).doesNotContain(token);
		assertThat(output.getAll()).doesNotContain(token);
	}

	/**
	 * Spring Security 7 serves RFC 9728 metadata at this path to anyone; here it is one
	 * more path that needs a token, and there is nothing at it.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/.well-known/oauth-protected-resource",
			"/.well-known/oauth-protected-resource/api/test/things" })
	void theProtectedResourceMetadataIsNotServed(String path) throws Exception {
		unauthorized(this.mvc.perform(get(path).header("Host", "evil.example")))
			.andExpect(content().string(not(containsString("evil.example"))))
			.andExpect(content().string(not(containsString("tls_client_certificate_bound_access_tokens"))));
		this.mvc.perform(get(path).header("Authorization", "Bearer " + token(SCOPE)))
			.andExpect(status().isNotFound())
			.andExpect(content().string(not(containsString("tls_client_certificate_bound_access_tokens"))));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/prometheus" })
	void theProbesAndTheScrapeNeedNoToken(String path) throws Exception {
		this.mvc.perform(get(path)).andExpect(status().isOk());
	}

	@Test
	void anyOtherPathNeedsAToken() throws Exception {
		unauthorized(this.mvc.perform(get("/elsewhere")));
		this.mvc.perform(get("/elsewhere").header("Authorization", "Bearer " + token("other:scope")))
			.andExpect(status().isOk());
	}

	@Test
	void aBodyOverTheCapIsRefusedOnceTheTokenIsTaken() throws Exception {
		byte[] body = ("\"" + "x".repeat(2 * 1024) + "\"").getBytes(StandardCharsets.UTF_8);
		unauthorized(this.mvc.perform(post("/api/test/things").contentType(MediaType.APPLICATION_JSON).content(body)))
			.andExpect(header().string(HttpHeaders.CONNECTION, "close"));
		this.mvc.perform(authorized(post("/api/test/things")).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isContentTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string(HttpHeaders.CONNECTION, "close"))
			.andExpect(jsonPath("$.type").value("urn:model-monitoring:problem:payload-too-large"))
			.andExpect(jsonPath("$.detail", containsString("1024 bytes (security.max_request_body)")));
		this.mvc
			.perform(authorized(post("/api/test/things")).contentType(MediaType.APPLICATION_JSON)
				.content(new byte[1024]))
			.andExpect(status().isOk())
			.andExpect(content().string("1024"));
	}

	@Test
	void theJwkSetUriIsLoggedWithoutItsPassword(CapturedOutput output) {
		new WebApplicationContextRunner().withUserConfiguration(SecuredApp.class)
			.withPropertyValues("security.jwt.jwk_set_uri=https://jwks-reader:s3cret@issuer.test/jwks",
					"security.jwt.audience=" + AUDIENCE)
			.run((context) -> assertThat(context).hasNotFailed());

		assertThat(output.getAll()).contains("RS256 (JWK set https://issuer.test/jwks,").doesNotContain("s3cret");
	}

	private static MockHttpServletRequestBuilder authorized(MockHttpServletRequestBuilder request) {
		return request.header("Authorization", "Bearer " + token(SCOPE));
	}

	private static ResultActions unauthorized(ResultActions result) throws Exception {
		return result.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:model-monitoring:problem:unauthorized"))
			.andExpect(jsonPath("$.title").value("Unauthorized"))
			.andExpect(jsonPath("$.status").value(401));
	}

	/** A service that imports the module, as ml-service and the orchestrator do. */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ ServiceSecurityConfiguration.class, ProbeController.class })
	static class SecuredApp {

		@Bean
		ProtectedApi protectedApi() {
			return new ProtectedApi("/api/test/**", SCOPE);
		}

	}

	@RestController
	static class ProbeController {

		@GetMapping("/api/test/things")
		String things() {
			return "things";
		}

		@PostMapping("/api/test/things")
		String length(@RequestBody byte[] body) {
			return String.valueOf(body.length);
		}

		@GetMapping({ "/actuator/health", "/actuator/health/liveness", "/actuator/prometheus", "/elsewhere" })
		String open() {
			return "open";
		}

	}

}
