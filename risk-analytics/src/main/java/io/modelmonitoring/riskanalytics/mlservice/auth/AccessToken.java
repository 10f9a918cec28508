package io.modelmonitoring.riskanalytics.mlservice.auth;

import java.time.Instant;

/**
 * A bearer token and when it expires. {@code toString} hides the value, so a token never
 * reaches a log by accident.
 */
record AccessToken(String value, Instant expiresAt) {

	@Override
	public String toString() {
		return "AccessToken[expiresAt=" + this.expiresAt + "]";
	}

}
