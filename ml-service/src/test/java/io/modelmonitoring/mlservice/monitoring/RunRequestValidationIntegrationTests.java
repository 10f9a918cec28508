package io.modelmonitoring.mlservice.monitoring;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad request through the running service gets a 400 problem+json that names the field.
 * One case: that the service's own JSON reading (a number is not a tenant id) is the one
 * Tomcat's requests go through. Every other bad body, the 415 and the listing limits are
 * {@link ModelMonitoringControllerTests}' cases.
 */
class RunRequestValidationIntegrationTests extends MonitoringIntegrationTestBase {

	@Test
	void aNumberForATenantIdIsAProblemNamingTheField() throws Exception {
		HttpResponse<String> response = post("{\"tenantIds\": [1, 2]}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("urn:model-monitoring:problem:invalid-request");
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("fields").get(0).asString()).isEqualTo("tenantIds[0]");
		assertThat(problem.get("detail").asString()).startsWith("tenantIds[0]");
	}

}
