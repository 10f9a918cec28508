package io.modelmonitoring.contracts;

import java.time.Instant;

/**
 * The envelope every published event carries: monitoring events and job outcomes alike.
 * {@code tenantId} is null for events that are not about one tenant.
 */
public record EventEnvelope<T>(String id, String type, int version, Instant timestamp, String tenantId, String source,
		String correlationId, T data) {

	public static final int CURRENT_VERSION = 1;

}
