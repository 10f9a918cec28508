package io.modelmonitoring.mlservice.runs;

import java.util.Collection;

/** A run is already in progress for some of the tenants asked for. */
public class RunConflictException extends RuntimeException {

	private final String runningRunId;

	RunConflictException(String runningRunId, Collection<String> tenantIds) {
		super(tenantIds.isEmpty() ? "a run is already in progress (run " + runningRunId + ")"
				: "a run is already in progress for tenants " + tenantIds + " (run " + runningRunId + ")");
		this.runningRunId = runningRunId;
	}

	public String runningRunId() {
		return this.runningRunId;
	}

}
