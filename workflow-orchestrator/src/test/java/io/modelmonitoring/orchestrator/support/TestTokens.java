package io.modelmonitoring.orchestrator.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Tokens for the tests, minted here with Nimbus, independently of the service's verifier:
 * the secret and issuer are those of {@code src/test/resources/config/application.yml}.
 */
public final class TestTokens {

	public static final String SECRET = "test-secret-for-the-integration-tests-0123456789";

	public static final String ISSUER = "https://issuer.test";

	public static final String AUDIENCE = "workflow-orchestrator";

	public static final String SCOPE = "workflow:trigger";

	private TestTokens() {
	}

	/** A token the service accepts: right key, issuer, audience and scope, 5 minutes. */
	public static String valid() {
		return hs256(claims().build(), SECRET);
	}

	/** The claims of a valid token, to change one of them. */
	public static JWTClaimsSet.Builder claims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject("operator")
			.audience(AUDIENCE)
			.claim("scope", SCOPE)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
	}

	public static String hs256(JWTClaimsSet claims, String secret) {
		return hs256(claims, secret.getBytes(StandardCharsets.UTF_8));
	}

	public static String hs256(JWTClaimsSet claims, byte[] key) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
			jwt.sign(new MACSigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String rs256(JWTClaimsSet claims, RSAKey key) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@code {"alg":"none"}}: no signature at all. */
	public static String unsigned(JWTClaimsSet claims) {
		return new PlainJWT(claims).serialize();
	}

}
