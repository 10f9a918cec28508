package io.modelmonitoring.security.testing;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * The tokens a service's tests send it ({@link TestJwts} signs them, independently of the
 * verifier): the right key, issuer, audience and scope for that service. The secret and
 * issuer are those of each service's {@code src/test/resources/config/application.yml}.
 */
public final class TestTokens {

	public static final String SECRET = "test-secret-for-the-integration-tests-0123456789";

	public static final String ISSUER = "https://issuer.test";

	/** Tokens for ml-service's API, as risk-analytics sends them. */
	public static final TestTokens ML_SERVICE = new TestTokens("ml-service", "model-monitoring:run", "risk-analytics");

	/** Tokens for workflow-orchestrator's API, as an operator sends them. */
	public static final TestTokens WORKFLOW_ORCHESTRATOR = new TestTokens("workflow-orchestrator", "workflow:trigger",
			"operator");

	private final String audience;

	private final String scope;

	private final String subject;

	private TestTokens(String audience, String scope, String subject) {
		this.audience = audience;
		this.scope = scope;
		this.subject = subject;
	}

	/** A token the service accepts: right key, issuer, audience and scope, 5 minutes. */
	public String valid() {
		return TestJwts.hs256(claims().build(), SECRET);
	}

	/** The claims of a valid token, to change one of them. */
	public JWTClaimsSet.Builder claims() {
		return TestJwts.claims(ISSUER, this.subject, this.audience, this.scope);
	}

}
