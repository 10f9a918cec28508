package io.modelmonitoring.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * How a service's API is locked down ({@code security.*}). On by default, and with no
 * built-in key: a service that is to check tokens and has no key to check them with does
 * not start.
 *
 * @param enabled whether the API requires a JWT; off only where nothing untrusted can
 * reach the service
 * @param jwt how tokens are verified
 * @param maxRequestBody the largest request body taken; larger ones are answered 413
 * @param requestBodyTimeout how long a request's body may take to arrive, whole; a slower
 * one is answered 408, and a sender silent for that long is cut off
 */
@ConfigurationProperties("security")
public record SecurityProperties(@DefaultValue("true") boolean enabled, @DefaultValue Jwt jwt,
		@DefaultValue("256KB") DataSize maxRequestBody, @DefaultValue("10s") Duration requestBodyTimeout) {

	/** HS256 needs a key of at least 256 bits. */
	static final int MIN_SECRET_BYTES = 32;

	/**
	 * How long Nimbus keeps a fetched JWK set (its default); a refresh for an unknown key
	 * id comes sooner, within the rate limit.
	 */
	static final Duration JWK_SET_CACHE_TIME_TO_LIVE = Duration.ofMinutes(5);

	public SecurityProperties {
		if (maxRequestBody.toBytes() < 1) {
			throw new IllegalArgumentException("security.max_request_body must be at least 1 byte");
		}
		if (requestBodyTimeout.compareTo(Duration.ofMillis(100)) < 0) {
			throw new IllegalArgumentException("security.request_body_timeout must be at least 100ms");
		}
		if (enabled) {
			jwt.check();
		}
	}

	/**
	 * How tokens are verified: exactly one of a shared secret (HS256) or an issuer's JWK
	 * set (RS256).
	 *
	 * @param hmacSecret the shared secret; its UTF-8 bytes are the HS256 key
	 * @param jwkSetUri the issuer's JWK set, e.g.
	 * {@code https://login.example.com/.well-known/jwks.json}
	 * @param issuer when set, the {@code iss} every token must carry
	 * @param audience the {@code aud} every token must contain: this service's name
	 * @param maxTokenLifetime the longest a token may be valid: one whose {@code exp} is
	 * further than this from its {@code iat}, or from now, is refused
	 * @param jwkSetRefreshInterval the shortest time between two fetches of the JWK set
	 * that tokens with unknown key ids may cause (Nimbus' rate limit allows two fetches
	 * in each such interval)
	 */
	public record Jwt(String hmacSecret, String jwkSetUri, String issuer, String audience,
			@DefaultValue("24h") Duration maxTokenLifetime, @DefaultValue("30s") Duration jwkSetRefreshInterval) {

		boolean usesSecret() {
			return StringUtils.hasText(this.hmacSecret);
		}

		boolean hasIssuer() {
			return StringUtils.hasText(this.issuer);
		}

		byte[] secretBytes() {
			return this.hmacSecret.getBytes(StandardCharsets.UTF_8);
		}

		// The messages name the keys, never their values: a secret must not reach a log.
		void check() {
			boolean secret = usesSecret();
			boolean jwkSet = StringUtils.hasText(this.jwkSetUri);
			if (!secret && !jwkSet) {
				throw new IllegalArgumentException("security.jwt.hmac_secret (env SECURITY_JWT_HMAC_SECRET) or "
						+ "security.jwt.jwk_set_uri (env SECURITY_JWT_JWK_SET_URI) must be set while "
						+ "security.enabled is true; there is no built-in key");
			}
			if (secret && jwkSet) {
				throw new IllegalArgumentException("security.jwt.hmac_secret and security.jwt.jwk_set_uri are both "
						+ "set; set one: the shared secret (HS256) or the issuer's JWK set (RS256)");
			}
			if (secret && secretBytes().length < MIN_SECRET_BYTES) {
				throw new IllegalArgumentException("security.jwt.hmac_secret must be at least " + MIN_SECRET_BYTES
						+ " bytes; generate one with: openssl rand -base64 32");
			}
			if (jwkSet && !isHttpUrl(this.jwkSetUri)) {
				throw new IllegalArgumentException("security.jwt.jwk_set_uri must be an http(s) URL");
			}
			if (!StringUtils.hasText(this.audience)) {
				throw new IllegalArgumentException(
						"security.jwt.audience (env SECURITY_JWT_AUDIENCE) must name this service");
			}
			if (this.maxTokenLifetime.compareTo(Duration.ofMinutes(1)) < 0) {
				throw new IllegalArgumentException("security.jwt.max_token_lifetime must be at least 1m");
			}
			if (this.jwkSetRefreshInterval.compareTo(Duration.ofSeconds(1)) < 0
					|| this.jwkSetRefreshInterval.compareTo(JWK_SET_CACHE_TIME_TO_LIVE) >= 0) {
				throw new IllegalArgumentException("security.jwt.jwk_set_refresh_interval must be at least 1s and "
						+ "shorter than the JWK set's cache time of " + JWK_SET_CACHE_TIME_TO_LIVE.toMinutes() + "m");
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

}
