package io.modelmonitoring.mlservice.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import io.modelmonitoring.mlservice.findings.FindingLifecycle.Transitions;
import io.modelmonitoring.mlservice.performance.PerformanceCheck;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.SignalCounts;
import io.modelmonitoring.mlservice.runs.RunOptions;
import io.modelmonitoring.scan.drift.DriftCheck;

/** Builds a run's answer from what each step found: counts, then one line per model. */
final class RunResponses {

	private RunResponses() {
	}

	static MonitoringRunResponse of(String runId, Instant asOf, RunOptions options, boolean backfill, Tenants tenants,
			Performance performance, DriftScan scan, RunFindings findings, Transitions transitions, Delivery delivery,
			long durationMs) {
		List<PerformanceCheck> checks = findings.performance()
			.stream()
			.filter((check) -> check.segment() == null)
			.toList();
		List<DriftCheck> drift = findings.drift().stream().filter(DriftCheck::wholeModel).toList();
		return new MonitoringRunResponse(runId, asOf, options.dryRun(), backfill, tenants.all().size(),
				tenants.unknown(), checks.size(), (int) checks.stream().filter(PerformanceCheck::degraded).count(),
				(int) drift.stream().filter((check) -> !check.skipped()).count(),
				(int) drift.stream().filter(DriftCheck::drift).count(),
				(int) drift.stream().filter(DriftCheck::skipped).count(), scan.skippedReason(),
				(int) findings.volume().stream().filter(DataHealth.VolumeCheck::dropped).count(),
				(int) findings.staleness().stream().filter(DataHealth.StaleCheck::stale).count(),
				transitions.resolved().size(), performance.invalidEvaluations(), scan.invalidRecords(),
				delivery.published(), delivery.pending(), durationMs, signalCounts(findings),
				ModelResults.merge(MonitoringWindows.of(asOf), findings, transitions));
	}

	private static SignalCounts signalCounts(RunFindings findings) {
		List<DriftCheck> segments = findings.drift().stream().filter((check) -> check.segment() != null).toList();
		List<DriftCheck> features = findings.drift()
			.stream()
			.filter((check) -> check.segment() == null && !check.wholeModel())
			.toList();
		List<PerformanceCheck> segmentMetrics = findings.performance()
			.stream()
			.filter((check) -> check.segment() != null)
			.toList();
		return new SignalCounts(count(segments, (check) -> !check.skipped()), count(segments, DriftCheck::drift),
				count(segments, DriftCheck::skipped), segmentMetrics.size(),
				count(segmentMetrics, PerformanceCheck::degraded), count(features, (check) -> !check.skipped()),
				count(features, DriftCheck::drift), count(features, DriftCheck::skipped));
	}

	private static <T> int count(List<T> checks, Predicate<T> which) {
		return (int) checks.stream().filter(which).count();
	}

	/**
	 * The performance checks of every tenant, how many evaluations were unusable, and
	 * which tenants had any evaluation.
	 */
	record Performance(List<PerformanceCheck> checks, int invalidEvaluations, List<String> tenantsWithEvaluations) {
	}

	/**
	 * The tenants a run covers, and those of them asked for by name that had nothing to
	 * check.
	 */
	record Tenants(List<String> all, List<String> unknown) {
	}

	/**
	 * How many of a run's events the broker confirmed, and how many wait in the outbox.
	 */
	record Delivery(int published, int pending) {

		static final Delivery NONE = new Delivery(0, 0);

	}

}
