package io.modelmonitoring.mlservice.runs;

import java.time.Instant;
import java.util.List;

/**
 * A run as kept in {@code ml_monitoring_runs}: its request, its state, and its answer
 * once it completed.
 *
 * @param tenantIds the tenants asked for (empty: every tenant)
 * @param result the run's answer; null while running or when it failed
 * @param error why the run failed; null otherwise
 */
public record MonitoringRun(String runId, String status, Instant asOf, List<String> tenantIds, Instant startedAt,
		Instant finishedAt, String error, MonitoringRunResponse result) {
}
