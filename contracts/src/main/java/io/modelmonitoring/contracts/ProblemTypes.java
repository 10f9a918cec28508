package io.modelmonitoring.contracts;

import java.net.URI;

/**
 * The {@code type} URIs of the services' {@code application/problem+json} answers (RFC
 * 9457). Stable: clients tell errors apart by them (risk-analytics retries ml-service's
 * {@link #IDEMPOTENT_RUN_IN_PROGRESS}), so a type is never renamed.
 */
public final class ProblemTypes {

	/**
	 * 400: the body or a parameter is not what the API takes; {@code fields} names them.
	 */
	public static final URI INVALID_REQUEST = of("invalid-request");

	/** 401: no valid token. */
	public static final URI UNAUTHORIZED = of("unauthorized");

	/** 403: a valid token without the API's scope. */
	public static final URI FORBIDDEN = of("forbidden");

	/** 413: a body over {@code security.max_request_body}. */
	public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");

	/** 408: a body that did not arrive within {@code security.request_body_timeout}. */
	public static final URI REQUEST_TIMEOUT = of("request-timeout");

	/** 503: a server the service needs is out of reach; {@code dependency} names it. */
	public static final URI DEPENDENCY_UNAVAILABLE = of("dependency-unavailable");

	/** 500: anything else; never carries an exception's message. */
	public static final URI INTERNAL_ERROR = of("internal-error");

	/** ml-service, 409: a run for some of these tenants is in progress. */
	public static final URI RUN_IN_PROGRESS = of("run-in-progress");

	/** ml-service, 409: the run of this {@code Idempotency-Key} is still in progress. */
	public static final URI IDEMPOTENT_RUN_IN_PROGRESS = of("idempotent-run-in-progress");

	/**
	 * ml-service, 422: the {@code Idempotency-Key} was first used with another request.
	 */
	public static final URI IDEMPOTENCY_KEY_REUSED = of("idempotency-key-reused");

	/** workflow-orchestrator, 404: no job of that name. */
	public static final URI UNKNOWN_JOB = of("unknown-job");

	private ProblemTypes() {
	}

	private static URI of(String name) {
		return URI.create("urn:model-monitoring:problem:" + name);
	}

}
