package io.modelmonitoring.orchestrator.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import io.modelmonitoring.testsupport.TestServers;
import io.modelmonitoring.security.testing.TestTokens;
import io.modelmonitoring.security.testing.JwksServer;
import io.modelmonitoring.security.testing.TestJwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orchestrator in the production set-up: RS256 tokens verified against the issuer's
 * JWK set, served here by MockWebServer. A token of the issuer's key is taken; one of
 * another key and an HS256 token signed with the issuer's public key (algorithm
 * confusion) are not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwksSecurityIntegrationTests {

	static final RSAKey ISSUER_KEY = TestJwts.rsaKey();

	static final RSAKey OTHER_KEY = TestJwts.rsaKey();

	static final JwksServer JWKS = JwksServer.serving(ISSUER_KEY);

	static final String EXCHANGE = TestServers.uniqueName("test.orchestrator.jwks.events");

	static final String QUEUE = TestServers.uniqueName("test.orchestrator.jwks.batch-jobs");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> TestServers.mongoUri("orchestrator_jwks_it"));
		registry.add("spring.rabbitmq.addresses", TestServers::rabbitAddresses);
		registry.add("messaging.exchange", () -> EXCHANGE);
		registry.add("messaging.batch_jobs_queue", () -> QUEUE);
		registry.add("security.jwt.hmac_secret", () -> "");
		registry.add("security.jwt.jwk_set_uri", JWKS::url);
	}

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	final HttpClient http = HttpClient.newHttpClient();

	@AfterAll
	void stopJwksAndDeleteTestQueue() {
		JWKS.close();
		try (TestServers.Rabbit rabbit = new TestServers.Rabbit()) {
			rabbit.delete(QUEUE, EXCHANGE);
		}
	}

	/**
	 * The issuer's token, one of a key the issuer does not serve, and the algorithm
	 * confusion; the other variants are service-security's JwtDecodersTests.
	 */
	static Stream<Arguments> tokens() throws JOSEException {
		byte[] publicKey = ISSUER_KEY.toRSAPublicKey().getEncoded();
		return Stream.of(
				Arguments.of("RS256 of the issuer's key",
						TestJwts.rs256(TestTokens.WORKFLOW_ORCHESTRATOR.claims().build(), ISSUER_KEY), 200),
				Arguments.of("RS256 of an unknown key",
						TestJwts.rs256(TestTokens.WORKFLOW_ORCHESTRATOR.claims().build(), OTHER_KEY), 401),
				Arguments.of("HS256 signed with the issuer's public key",
						TestJwts.hs256(TestTokens.WORKFLOW_ORCHESTRATOR.claims().build(), publicKey), 401));
	}

	@ParameterizedTest(name = "{0} -> {2}")
	@MethodSource("tokens")
	void onlyTheIssuersRs256TokensAreTaken(String name, String token, int status) throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/workflow/jobs"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		if (status != 200) {
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			JsonNode problem = this.json.readTree(response.body());
			assertThat(problem.path("status").asInt()).isEqualTo(status);
			assertThat(problem.path("type").asString()).startsWith("urn:model-monitoring:problem:");
		}
	}

	/**
	 * Tokens with made-up key ids, as anyone can send them: each would fetch the JWK set
	 * again (30 fetches for 30 tokens, unthrottled). Now the issuer sees at most two
	 * fetches for them, and each is a 401.
	 */
	@Test
	void tokensWithUnknownKeyIdsFetchTheKeySetAtMostTwice() throws Exception {
		int before = JWKS.fetches();
		for (int i = 0; i < 30; i++) {
			String unknown = TestJwts.rs256(TestTokens.WORKFLOW_ORCHESTRATOR.claims().build(),
					new RSAKey.Builder(OTHER_KEY).keyID(UUID.randomUUID().toString()).build());
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/workflow/jobs"))
					.header("Authorization", "Bearer " + unknown)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		}
		int fetches = JWKS.fetches() - before;
		System.out.printf("JWK set fetches for 30 tokens of unknown keys: %d%n", fetches);
		assertThat(fetches).isLessThanOrEqualTo(2);
	}

}
