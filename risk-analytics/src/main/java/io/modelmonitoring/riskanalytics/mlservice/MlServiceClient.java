package io.modelmonitoring.riskanalytics.mlservice;

import java.util.List;
import java.util.Map;

import io.modelmonitoring.riskanalytics.mlservice.auth.AccessTokenUnavailableException;
import io.modelmonitoring.riskanalytics.mlservice.auth.MlServiceTokens;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls ml-service's {@code POST /api/v1/ml/model-monitoring/run}. Errors are
 * {@link RestClient}'s: {@code ResourceAccessException} for no connection or a timeout,
 * {@code HttpClientErrorException} / {@code HttpServerErrorException} for 4xx / 5xx. Each
 * call carries a bearer token from {@link MlServiceTokens}.
 */
class MlServiceClient {

	static final String RUN_PATH = "/api/v1/ml/model-monitoring/run";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final RestClient restClient;

	private final MlServiceTokens tokens;

	MlServiceClient(RestClient restClient, MlServiceTokens tokens) {
		this.restClient = restClient;
		this.tokens = tokens;
	}

	/**
	 * Runs model monitoring and waits for the answer.
	 * @param tenantIds the tenants to check; empty means all
	 * @param idempotencyKey the trigger id, so a retried or redelivered trigger can be
	 * recognised
	 * @throws AccessTokenUnavailableException when no token for ml-service can be had
	 */
	MonitoringRunResponse run(List<String> tenantIds, String idempotencyKey) {
		Map<String, Object> body = tenantIds.isEmpty() ? Map.of() : Map.of("tenantIds", tenantIds);
		String token = this.tokens.bearerToken();
		MonitoringRunResponse response = this.restClient.post()
			.uri(RUN_PATH)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
			.header(IDEMPOTENCY_KEY, idempotencyKey)
			.headers((headers) -> {
				if (token != null) {
					headers.setBearerAuth(token);
				}
			})
			.body(body)
			.retrieve()
			.body(MonitoringRunResponse.class);
		if (response == null) {
			throw new RestClientException("ml-service answered without a body");
		}
		return response;
	}

	/** ml-service refused the token: the next call gets a new one. */
	void forgetToken() {
		this.tokens.invalidate();
	}

}
