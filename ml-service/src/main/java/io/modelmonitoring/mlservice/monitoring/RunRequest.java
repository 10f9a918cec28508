package io.modelmonitoring.mlservice.monitoring;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;

/**
 * A request for a run. No {@code tenantIds}, or an empty list, means every tenant; no
 * {@code asOf} means now.
 */
public record RunRequest(List<@NotBlank(message = "must be a non-empty string") String> tenantIds, Instant asOf) {

	static final RunRequest ALL_TENANTS_NOW = new RunRequest(null, null);

	List<String> tenantIdsOrEmpty() {
		return (this.tenantIds != null) ? this.tenantIds.stream().distinct().toList() : List.of();
	}

}
