package io.modelmonitoring.mlservice.monitoring;

import java.time.Instant;
import java.util.List;

import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.mlservice.performance.PerformanceCheck;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse;

/** Builds a run's answer from what each step found: counts, then one line per model. */
final class RunResponses {

	private RunResponses() {
	}

	static MonitoringRunResponse of(String runId, Instant asOf, List<String> tenants, Performance performance,
			DriftScan scan, List<DriftCheck> drift, Delivery delivery, long durationMs) {
		List<PerformanceCheck> checks = performance.checks();
		return new MonitoringRunResponse(runId, asOf, tenants.size(), checks.size(),
				(int) checks.stream().filter(PerformanceCheck::degraded).count(),
				(int) drift.stream().filter((check) -> !check.skipped()).count(),
				(int) drift.stream().filter(DriftCheck::drift).count(),
				(int) drift.stream().filter(DriftCheck::skipped).count(), scan.skippedReason(),
				performance.invalidEvaluations(), scan.invalidRecords(), delivery.published(), delivery.pending(),
				durationMs, ModelResults.merge(MonitoringWindows.of(asOf), drift, checks));
	}

	/** The performance checks of every tenant, and how many evaluations were unusable. */
	record Performance(List<PerformanceCheck> checks, int invalidEvaluations) {
	}

	/**
	 * How many of a run's events the broker confirmed, and how many wait in the outbox.
	 */
	record Delivery(int published, int pending) {
	}

}
