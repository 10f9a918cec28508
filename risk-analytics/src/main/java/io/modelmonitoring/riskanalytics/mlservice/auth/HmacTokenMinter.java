package io.modelmonitoring.riskanalytics.mlservice.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.util.StringUtils;

/**
 * Mints short-lived HS256 tokens with the secret shared with ml-service: its audience,
 * the scope of a run, this service as subject.
 */
final class HmacTokenMinter implements AccessTokenSource {

	static final String SUBJECT = "risk-analytics";

	private final MACSigner signer;

	private final MlServiceAuthProperties properties;

	private final Clock clock;

	HmacTokenMinter(MlServiceAuthProperties properties, Clock clock) {
		try {
			this.signer = new MACSigner(properties.jwt().secretBytes());
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("security.jwt.hmac_secret cannot sign HS256", ex);
		}
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public AccessToken fetch() {
		Instant now = this.clock.instant();
		Duration lifetime = this.properties.client().tokenLifetime();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(SUBJECT)
			.audience(this.properties.client().audience())
			.claim("scope", this.properties.client().scope())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(lifetime)))
			.jwtID(UUID.randomUUID().toString());
		if (StringUtils.hasText(this.properties.jwt().issuer())) {
			claims.issuer(this.properties.jwt().issuer());
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new AccessTokenUnavailableException("could not sign a token for ml-service", false, ex);
		}
		return new AccessToken(jwt.serialize(), now.plus(lifetime));
	}

}
