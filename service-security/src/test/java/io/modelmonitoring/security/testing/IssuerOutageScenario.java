package io.modelmonitoring.security.testing;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The issuer-outage case of a service's JWKS suite, one place for every service: the
 * issuer goes down (stopped, answering 500, or hanging) just as it rotates to a key the
 * service has not fetched. Each of three calls with a token of that key is a 503
 * problem+json naming the JWK set, within 5 s, with {@code Retry-After}, no ERROR and no
 * stack trace logged; once the issuer is back, the token is taken.
 */
public final class IssuerOutageScenario {

	/** Sends one request to the service's API, with this bearer token (or none). */
	@FunctionalInterface
	public interface Call {

		HttpResponse<String> send(String token) throws Exception;

	}

	private IssuerOutageScenario() {
	}

	public static void run(JwksServer jwks, JwksServer.Outage outage, JWTClaimsSet claims, Call call,
			CapturedOutput output) throws Exception {
		RSAKey rotated = TestJwts.rsaKey();
		String token = TestJwts.rs256(claims, rotated);
		call.send(null);
		int before = output.getAll().length();
		jwks.fail(outage);
		for (int i = 0; i < 3; i++) {
			long start = System.nanoTime();
			HttpResponse<String> response = call.send(token);
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(response.statusCode()).as("%s, call %d: %s", outage, i, response.body()).isEqualTo(503);
			assertThat(took).as("%s, call %d", outage, i).isLessThan(Duration.ofSeconds(5));
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
			JsonNode problem = JsonMapper.shared().readTree(response.body());
			assertThat(problem.path("type").asString())
				.isEqualTo("urn:model-monitoring:problem:dependency-unavailable");
			assertThat(problem.path("title").asString()).isEqualTo("JWK set unavailable");
			assertThat(problem.path("status").asInt()).isEqualTo(503);
			assertThat(problem.path("dependency").asString()).isEqualTo("JWK set");
			assertThat(problem.path("detail").asString()).doesNotContain("127.0.0.1").doesNotContain("Exception");
		}
		String logged = output.getAll().substring(before);
		assertThat(logged).contains("cannot be fetched").doesNotContain(" ERROR ").doesNotContain("\tat ");

		jwks.serve(rotated);
		jwks.recover();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(call.send(token).statusCode()).isEqualTo(200));
	}

}
