package io.modelmonitoring.riskanalytics.mlservice.auth;

/**
 * No token for ml-service could be had. Transient when the issuer could not be reached or
 * answered 5xx, so the job is retried; not when it refused the client.
 */
public class AccessTokenUnavailableException extends RuntimeException {

	private final boolean transientFailure;

	AccessTokenUnavailableException(String message, boolean transientFailure, Throwable cause) {
		super(message, cause);
		this.transientFailure = transientFailure;
	}

	public boolean isTransient() {
		return this.transientFailure;
	}

}
