package io.modelmonitoring.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the decoder from {@link SecurityProperties.Jwt}. Each decoder accepts one
 * algorithm only, HS256 with the shared secret or RS256 with the issuer's keys, so that
 * an unsigned token ({@code alg: none}) and an HS256 token signed with the RSA public key
 * (algorithm confusion) are both refused. The issuer's keys come through {@link JwkSets}:
 * cached, and fetched again for an unknown key id at most twice per
 * {@code security.jwt.jwk_set_refresh_interval}.
 */
final class JwtDecoders {

	/** How far apart the issuer's clock and ours may be. */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	private JwtDecoders() {
	}

	static JwtDecoder of(SecurityProperties.Jwt jwt) {
		NimbusJwtDecoder decoder = jwt.usesSecret()
				? NimbusJwtDecoder.withSecretKey(new SecretKeySpec(jwt.secretBytes(), "HmacSHA256"))
					.macAlgorithm(MacAlgorithm.HS256)
					.build()
				: NimbusJwtDecoder.withJwkSource(JwkSets.source(jwt)).jwsAlgorithm(SignatureAlgorithm.RS256).build();
		decoder.setJwtValidator(validator(jwt));
		return decoder;
	}

	/**
	 * Expiry required and checked, not-before checked, a lifetime no longer than
	 * {@code security.jwt.max_token_lifetime}, the audience always, the issuer when one
	 * is configured.
	 */
	static OAuth2TokenValidator<Jwt> validator(SecurityProperties.Jwt jwt) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
		timestamps.setAllowEmptyExpiryClaim(false);
		validators.add(timestamps);
		validators.add(new MaxTokenLifetimeValidator(jwt.maxTokenLifetime(), CLOCK_SKEW, Clock.systemUTC()));
		validators.add(new JwtAudienceValidator(jwt.audience()));
		if (jwt.hasIssuer()) {
			validators.add(new JwtIssuerValidator(jwt.issuer()));
		}
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

}
