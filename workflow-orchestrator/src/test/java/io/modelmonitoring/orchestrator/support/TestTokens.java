package io.modelmonitoring.orchestrator.support;

import com.nimbusds.jwt.JWTClaimsSet;
import io.modelmonitoring.security.testing.TestJwts;

/**
 * Tokens for the tests ({@link TestJwts} signs them, independently of the verifier): the
 * secret and issuer are those of {@code src/test/resources/config/application.yml}.
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
		return TestJwts.hs256(claims().build(), SECRET);
	}

	/** The claims of a valid token, to change one of them. */
	public static JWTClaimsSet.Builder claims() {
		return TestJwts.claims(ISSUER, "operator", AUDIENCE, SCOPE);
	}

}
