package io.modelmonitoring.mlservice.monitoring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.modelmonitoring.security.testing.IssuerOutageScenario;
import io.modelmonitoring.security.testing.JwksServer;
import io.modelmonitoring.security.testing.TestJwts;
import io.modelmonitoring.security.testing.TestTokens;
import io.modelmonitoring.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The issuer goes down (stopped, answering 500, or hanging) just as it rotates to a key
 * the service has not fetched: a call with a token of that key cannot be checked, and is
 * a 503 naming the JWK set, within seconds, with no ERROR and no stack trace, however
 * often it is sent (the rate limit of the fetches turned the third one into a 401). Once
 * the issuer is back, the token is taken. The first case also has the keys never fetched
 * at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "security.jwt.jwk_set_refresh_interval=1s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class JwksOutageIntegrationTests {

	static final JwksServer JWKS = JwksServer.serving(TestJwts.rsaKey());

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> TestServers.mongoUri("jwks_outage_it"));
		registry.add("spring.rabbitmq.addresses", TestServers::rabbitAddresses);
		registry.add("messaging.exchange", () -> TestServers.uniqueName("test.ml-service.jwks-outage"));
		registry.add("data_lake.local_path", () -> "");
		registry.add("data_lake.connection_string", () -> "");
		registry.add("security.jwt.hmac_secret", () -> "");
		registry.add("security.jwt.jwk_set_uri", JWKS::url);
	}

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@AfterAll
	void stopJwks() {
		JWKS.close();
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(JwksServer.Outage.class)
	void aTokenOfAKeyNotYetFetchedIsA503DuringAnOutageAndTakenOnceTheIssuerIsBack(JwksServer.Outage outage,
			CapturedOutput output) throws Exception {
		IssuerOutageScenario.run(JWKS, outage, TestTokens.ML_SERVICE.claims().build(), this::call, output);
	}

	private HttpResponse<String> call(String token) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/ml/model-monitoring/runs"))
			.timeout(Duration.ofSeconds(30));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
