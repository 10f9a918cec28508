package io.modelmonitoring.security;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.modelmonitoring.security.testing.TestJwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RS256 mode with the issuer's JWK set out of reach (a port nothing listens on): a call
 * with a token is a dependency outage, 503 problem+json, not a 500, and the log says so
 * once per call without the password of the JWK set URI. On a running Tomcat, where the
 * 500 came from.
 */
@SpringBootTest(classes = ServiceSecurityConfigurationTests.SecuredApp.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "security.jwt.audience=" + ServiceSecurityConfigurationTests.AUDIENCE)
@ExtendWith(OutputCaptureExtension.class)
class IssuerOutageIntegrationTests {

	static final String PASSWORD = "jwks-password-0123";

	static final int UNREACHABLE_PORT = freePort();

	@DynamicPropertySource
	static void jwkSet(DynamicPropertyRegistry registry) {
		registry.add("security.jwt.jwk_set_uri",
				() -> "http://reader:" + PASSWORD + "@127.0.0.1:" + UNREACHABLE_PORT + "/realms/test/certs");
	}

	@LocalServerPort
	int port;

	/**
	 * Four calls: the first two try a fetch, the rate limit keeps the others from one;
	 * each is the same 503 (the others were a 401 "no such key", which makes a caller
	 * drop a good token), answered within seconds (the fetch's timeouts are 500 ms each).
	 */
	@Test
	void anUnreachableIssuerIsA503OnceLoggedWithoutThePassword(CapturedOutput output) throws Exception {
		String token = TestJwts.rs256(
				TestJwts.claims(null, "caller", ServiceSecurityConfigurationTests.AUDIENCE, "test:run").build(),
				TestJwts.rsaKey());
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		// A first call without a token warms the server up, so that the times measure the
		// refusals.
		http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/test/things")).build(),
				HttpResponse.BodyHandlers.discarding());
		int before = output.getAll().length();
		for (int call = 0; call < 4; call++) {
			long start = System.nanoTime();
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/test/things"))
					.header("Authorization", "Bearer " + token)
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.ofString());
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(response.statusCode()).as("call %d: %s", call, response.body()).isEqualTo(503);
			assertThat(took).as("call %d", call).isLessThan(Duration.ofSeconds(5));
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
			JsonNode problem = JsonMapper.builder().build().readTree(response.body());
			assertThat(problem.path("type").asString())
				.isEqualTo("urn:model-monitoring:problem:dependency-unavailable");
			assertThat(problem.path("dependency").asString()).isEqualTo("JWK set");
			assertThat(problem.path("status").asInt()).isEqualTo(503);
		}

		String logged = output.getAll().substring(before);
		assertThat(logged.split("cannot be fetched", -1)).as("one line a call: %s", logged).hasSize(5);
		assertThat(logged).contains("http://127.0.0.1:" + UNREACHABLE_PORT + "/realms/test/certs");
		assertThat(logged).doesNotContain(PASSWORD).doesNotContain(" ERROR ").doesNotContain("\tat ");
		assertThat(output.getAll()).doesNotContain(PASSWORD).doesNotContain(token);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
