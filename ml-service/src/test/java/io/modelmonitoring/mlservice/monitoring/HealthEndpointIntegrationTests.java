package io.modelmonitoring.mlservice.monitoring;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.modelmonitoring.security.testing.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/health} names its components (mongo, rabbit, …) to a caller with a
 * valid token, so that an operator sees which dependency is down, and gives probes and
 * anonymous callers the status alone. Here MongoDB's check is DOWN: mongo-java-server
 * does not know the {@code hello} command Boot's check sends.
 */
class HealthEndpointIntegrationTests extends MonitoringIntegrationTestBase {

	@Test
	void aCallerWithATokenSeesEachComponentAndItsStatus() throws Exception {
		HttpResponse<String> health = health("/actuator/health", TestTokens.ML_SERVICE.valid());
		JsonNode body = this.json.readTree(health.body());
		assertThat(body.path("components").path("mongo").path("status").asString()).as(health.body()).isEqualTo("DOWN");
		assertThat(body.path("components").path("rabbit").path("status").asString()).as(health.body()).isEqualTo("UP");
		assertThat(body.path("status").asString()).isEqualTo("DOWN");
		assertThat(health.statusCode()).isEqualTo(503);
	}

	@Test
	void anAnonymousCallerGetsTheStatusAlone() throws Exception {
		HttpResponse<String> health = health("/actuator/health", null);
		JsonNode body = this.json.readTree(health.body());
		// The status, and the names of the probe groups: no component, no detail.
		assertThat(body.propertyNames()).as(health.body()).containsExactlyInAnyOrder("status", "groups");
		assertThat(body.path("status").asString()).isEqualTo("DOWN");
		assertThat(health.statusCode()).isEqualTo(503);
	}

	/** The probes answer without a token, and a DOWN MongoDB does not fail them. */
	@Test
	void theProbesStayOpenAndUp() throws Exception {
		for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
			HttpResponse<String> health = health(probe, null);
			assertThat(health.statusCode()).as(probe).isEqualTo(200);
			assertThat(this.json.readTree(health.body()).propertyNames()).as(probe).containsExactly("status");
		}
	}

	private HttpResponse<String> health(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
