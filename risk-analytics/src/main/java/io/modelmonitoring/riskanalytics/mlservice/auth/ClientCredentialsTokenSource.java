package io.modelmonitoring.riskanalytics.mlservice.auth;

import java.time.Clock;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks the issuer's token endpoint for a token with the OAuth 2.0 client-credentials
 * grant (RFC 6749 §4.4), authenticating with HTTP Basic. A plain POST: the worker needs
 * neither sessions nor a login flow.
 */
final class ClientCredentialsTokenSource implements AccessTokenSource {

	private final RestClient restClient;

	private final MlServiceAuthProperties.Client client;

	private final Clock clock;

	ClientCredentialsTokenSource(RestClient restClient, MlServiceAuthProperties.Client client, Clock clock) {
		this.restClient = restClient;
		this.client = client;
		this.clock = clock;
	}

	@Override
	public AccessToken fetch() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("scope", this.client.scope());
		form.add("audience", this.client.audience());
		Instant requested = this.clock.instant();
		TokenResponse response;
		try {
			response = this.restClient.post()
				.uri(this.client.tokenUri())
				.headers((headers) -> headers.setBasicAuth(this.client.clientId(), this.client.clientSecret()))
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.body(form)
				.retrieve()
				.body(TokenResponse.class);
		}
		catch (HttpServerErrorException ex) {
			throw new AccessTokenUnavailableException(describe(ex.getStatusCode().value()), true, ex);
		}
		catch (HttpClientErrorException ex) {
			throw new AccessTokenUnavailableException(
					describe(ex.getStatusCode().value()) + "; check security.client.client_id and client_secret", false,
					ex);
		}
		catch (RestClientException ex) {
			throw new AccessTokenUnavailableException(
					"token endpoint " + this.client.tokenUri() + " unreachable: " + ex.getMostSpecificCause(), true,
					ex);
		}
		if (response == null || response.accessToken() == null || response.accessToken().isBlank()) {
			throw new AccessTokenUnavailableException(
					"token endpoint " + this.client.tokenUri() + " answered without an access_token", false, null);
		}
		long lifetime = (response.expiresIn() != null && response.expiresIn() > 0) ? response.expiresIn()
				: this.client.tokenLifetime().toSeconds();
		return new AccessToken(response.accessToken(), requested.plusSeconds(lifetime));
	}

	private String describe(int status) {
		return "token endpoint " + this.client.tokenUri() + " answered " + status;
	}

	/** The fields of RFC 6749 §5.1 used here. */
	record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") Long expiresIn) {

		@Override
		public String toString() {
			return "TokenResponse[expiresIn=" + this.expiresIn + "]";
		}

	}

}
