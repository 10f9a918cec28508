package io.modelmonitoring.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses a token valid for longer than {@code security.jwt.max_token_lifetime}: one
 * whose {@code exp} is further than that from its {@code iat}, or from now (a token
 * without {@code iat}, or one that claims to be issued in the future), by more than the
 * clock skew. A stolen long-lived token, or an issuer minting them by mistake, would
 * otherwise be taken until it expires. A token without {@code exp} is the timestamp
 * validator's to refuse.
 */
final class MaxTokenLifetimeValidator implements OAuth2TokenValidator<Jwt> {

	private final Duration maxLifetime;

	private final Duration clockSkew;

	private final Clock clock;

	MaxTokenLifetimeValidator(Duration maxLifetime, Duration clockSkew, Clock clock) {
		this.maxLifetime = maxLifetime;
		this.clockSkew = clockSkew;
		this.clock = clock;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			return OAuth2TokenValidatorResult.success();
		}
		Instant issuedAt = jwt.getIssuedAt();
		if (issuedAt != null && Duration.between(issuedAt, expiresAt).compareTo(this.maxLifetime) > 0) {
			return refused("exp - iat is " + Durations.shown(Duration.between(issuedAt, expiresAt)));
		}
		Duration left = Duration.between(this.clock.instant(), expiresAt);
		if (left.compareTo(this.maxLifetime.plus(this.clockSkew)) > 0) {
			return refused("it expires in " + Durations.shown(Duration.ofSeconds(left.getSeconds())));
		}
		return OAuth2TokenValidatorResult.success();
	}

	private OAuth2TokenValidatorResult refused(String why) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
				"The token is valid for longer than security.jwt.max_token_lifetime ("
						+ Durations.shown(this.maxLifetime) + ") allows: " + why,
				null));
	}

}
