package io.modelmonitoring.mlservice.monitoring;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A request for a run. No {@code tenantIds}, or an empty list, means every tenant; no
 * {@code asOf} means now. Tenant ids are limited in number and alphabet, so that one
 * request cannot ask for unbounded work and no id can pass for a query operator.
 */
public record RunRequest(
		@Size(max = TenantIds.MAX_COUNT,
				message = "must hold at most " + TenantIds.MAX_COUNT + " tenant ids") List<@NotNull(
						message = TenantIds.PATTERN_MESSAGE) @Pattern(regexp = TenantIds.PATTERN,
								message = TenantIds.PATTERN_MESSAGE) String> tenantIds,
		Instant asOf) {

	static final RunRequest ALL_TENANTS_NOW = new RunRequest(null, null);

	List<String> tenantIdsOrEmpty() {
		return (this.tenantIds != null) ? this.tenantIds.stream().distinct().toList() : List.of();
	}

}
