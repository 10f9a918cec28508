package io.modelmonitoring.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A request to run a batch job, published on {@link MessageTypes#JOB_TRIGGER}. An
 * operator may send only {@code job} and {@code metadata}; the other fields are then
 * absent.
 */
public record JobTrigger(String id, String type, Instant timestamp, String source, String job, Metadata metadata,
		String triggeredBy) {

	/** Absent or empty {@code tenantIds} means every tenant. */
	public record Metadata(List<String> tenantIds) {
	}

}
