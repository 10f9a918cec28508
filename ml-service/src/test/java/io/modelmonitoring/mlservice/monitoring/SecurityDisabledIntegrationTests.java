package io.modelmonitoring.mlservice.monitoring;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code security.enabled=false} (for a deployment behind its own gateway) the run
 * API takes requests without a token and needs no key, while actuator stays limited to
 * health and prometheus.
 */
@TestPropertySource(properties = { "security.enabled=false", "security.jwt.hmac_secret=" })
class SecurityDisabledIntegrationTests extends MonitoringIntegrationTestBase {

	@Test
	void aRunNeedsNoTokenAndActuatorStaysLimited() throws Exception {
		HttpResponse<String> run = post(
				"{\"tenantIds\": [\"tenant-without-data\"], \"asOf\": \"2026-11-22T06:00:00Z\"}", null);
		assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
		assertThat(this.json.readTree(run.body()).path("tenants").asInt()).isEqualTo(1);

		URI env = URI.create("http://127.0.0.1:" + this.port + "/actuator/env");
		assertThat(
				this.http.send(HttpRequest.newBuilder(env).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
			.isEqualTo(404);
	}

}
