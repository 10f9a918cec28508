package io.modelmonitoring.riskanalytics.mlservice.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * How the worker gets the token ml-service requires ({@code security.*}): minted with the
 * shared secret (HS256), or from the issuer's token endpoint with client credentials. On
 * by default, with no built-in secret: a worker without a way to get a token does not
 * start.
 *
 * @param enabled whether calls carry a token; off only when ml-service's security is off
 * @param jwt the shared secret and the issuer it mints as, the same keys as ml-service's
 * @param client the token's audience, scope and lifetime, and the client credentials
 */
@ConfigurationProperties("security")
public record MlServiceAuthProperties(@DefaultValue("true") boolean enabled, @DefaultValue Jwt jwt,
		@DefaultValue Client client) {

	static final int MIN_SECRET_BYTES = 32;

	public MlServiceAuthProperties {
		if (enabled) {
			check(jwt, client);
		}
	}

	boolean mintsTokens() {
		return StringUtils.hasText(this.jwt.hmacSecret());
	}

	/**
	 * @param hmacSecret the secret shared with ml-service; its UTF-8 bytes are the key
	 * @param issuer the {@code iss} of minted tokens, when ml-service checks one
	 */
	public record Jwt(String hmacSecret, String issuer) {

		byte[] secretBytes() {
			return this.hmacSecret.getBytes(StandardCharsets.UTF_8);
		}

	}

	/**
	 * @param tokenUri the issuer's token endpoint, for client credentials
	 * @param clientId this worker's client id at the issuer
	 * @param clientSecret its secret
	 * @param audience the {@code aud} a minted token carries: ml-service's
	 * @param scope the scope asked for
	 * @param tokenLifetime how long a minted token lasts
	 */
	public record Client(String tokenUri, String clientId, String clientSecret,
			@DefaultValue("ml-service") String audience, @DefaultValue("model-monitoring:run") String scope,
			@DefaultValue("5m") Duration tokenLifetime) {

		boolean usesClientCredentials() {
			return StringUtils.hasText(this.tokenUri);
		}

	}

	// The messages name the keys, never their values.
	private static void check(Jwt jwt, Client client) {
		boolean secret = StringUtils.hasText(jwt.hmacSecret());
		boolean credentials = client.usesClientCredentials();
		if (!secret && !credentials) {
			throw new IllegalArgumentException("security.jwt.hmac_secret (env SECURITY_JWT_HMAC_SECRET) or "
					+ "security.client.token_uri (env SECURITY_CLIENT_TOKEN_URI) with client_id and client_secret "
					+ "must be set while security.enabled is true: ml-service requires a token");
		}
		if (secret && credentials) {
			throw new IllegalArgumentException("security.jwt.hmac_secret and security.client.token_uri are both "
					+ "set; set one: mint with the shared secret or ask the issuer");
		}
		if (secret && jwt.secretBytes().length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException("security.jwt.hmac_secret must be at least " + MIN_SECRET_BYTES
					+ " bytes; generate one with: openssl rand -base64 32");
		}
		if (credentials && !isHttpUrl(client.tokenUri())) {
			throw new IllegalArgumentException("security.client.token_uri must be an http(s) URL");
		}
		if (credentials && (!StringUtils.hasText(client.clientId()) || !StringUtils.hasText(client.clientSecret()))) {
			throw new IllegalArgumentException("security.client.client_id (env SECURITY_CLIENT_CLIENT_ID) and "
					+ "security.client.client_secret (env SECURITY_CLIENT_CLIENT_SECRET) must be set with "
					+ "security.client.token_uri");
		}
		if (client.tokenLifetime() == null || client.tokenLifetime().compareTo(Duration.ofSeconds(30)) < 0
				|| client.tokenLifetime().compareTo(Duration.ofHours(1)) > 0) {
			throw new IllegalArgumentException("security.client.token_lifetime must be between 30s and 1h");
		}
		if (!StringUtils.hasText(client.audience()) || !StringUtils.hasText(client.scope())) {
			throw new IllegalArgumentException("security.client.audience and security.client.scope must not be blank");
		}
	}

	private static boolean isHttpUrl(String value) {
		try {
			URI uri = URI.create(value);
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
