package io.modelmonitoring.mlservice.monitoring;

import java.time.Instant;
import java.util.List;

import io.modelmonitoring.mlservice.runs.RunOptions;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A request for a run. No {@code tenantIds}, or an empty list, means every tenant; no
 * {@code asOf} means now. Tenant ids are limited in number and alphabet, so that one
 * request cannot ask for unbounded work and no id can pass for a query operator.
 * {@code dryRun} computes and keeps the run and publishes nothing; {@code publish} lets a
 * backfill run (an asOf older than the newest completed run of its tenants) publish.
 */
public record RunRequest(
		@Size(max = TenantIds.MAX_COUNT,
				message = "must hold at most " + TenantIds.MAX_COUNT + " tenant ids") List<@NotNull(
						message = TenantIds.PATTERN_MESSAGE) @Pattern(regexp = TenantIds.PATTERN,
								message = TenantIds.PATTERN_MESSAGE) String> tenantIds,
		Instant asOf, Boolean dryRun, Boolean publish) {

	static final RunRequest ALL_TENANTS_NOW = new RunRequest(null, null, null, null);

	RunOptions options() {
		return new RunOptions(Boolean.TRUE.equals(this.dryRun), Boolean.TRUE.equals(this.publish));
	}

	List<String> tenantIdsOrEmpty() {
		return (this.tenantIds != null) ? this.tenantIds.stream().distinct().toList() : List.of();
	}

}
