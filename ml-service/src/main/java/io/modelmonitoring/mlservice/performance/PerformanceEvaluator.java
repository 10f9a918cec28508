package io.modelmonitoring.mlservice.performance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.modelmonitoring.mlservice.performance.Evaluation.SegmentMetrics;

import io.modelmonitoring.scan.model.ModelKey;

/**
 * Turns one tenant's most recent evaluations into checks: per model, the newest usable
 * Brier and the newest usable MAE are each one check; and per segment of a configured
 * dimension, the newest usable value computed from enough records. Pure: no Spring, no
 * I/O.
 */
public final class PerformanceEvaluator {

	private PerformanceEvaluator() {
	}

	/**
	 * @param tenantId the tenant the evaluations belong to
	 * @param newestFirst the tenant's evaluations as of the run's asOf, newest first
	 */
	public static TenantPerformance evaluate(String tenantId, List<Evaluation> newestFirst,
			PerformanceThresholds thresholds) {
		return evaluate(tenantId, newestFirst, thresholds, SegmentRule.NONE);
	}

	/**
	 * @param segments which segments of an evaluation are checked
	 */
	public static TenantPerformance evaluate(String tenantId, List<Evaluation> newestFirst,
			PerformanceThresholds thresholds, SegmentRule segments) {
		List<PerformanceCheck> checks = new ArrayList<>();
		Set<Checked> checked = new HashSet<>();
		int invalid = 0;
		for (Evaluation evaluation : newestFirst) {
			if (!evaluation.valid()) {
				invalid++;
			}
			if (evaluation.modelId() == null || evaluation.evaluatedAt() == null) {
				// No model to check, or no date to tell whether it was made before asOf.
				continue;
			}
			for (Metric metric : Metric.values()) {
				// Documents come newest first, so the first usable value of a (model,
				// metric) wins.
				if (evaluation.value(metric).isPresent()
						&& checked.add(new Checked(evaluation.modelId(), null, metric))) {
					checks.add(new PerformanceCheck(new ModelKey(tenantId, evaluation.modelId()), metric,
							evaluation.value(metric).getAsDouble(), thresholds.of(metric), evaluation.id(),
							evaluation.evaluatedAt(), evaluation.modelVersion()));
				}
			}
			for (SegmentMetrics segment : evaluation.segments()) {
				if (!segments.checks(segment)) {
					continue;
				}
				segment.values().forEach((metric, value) -> {
					if (checked.add(new Checked(evaluation.modelId(), segment.segment(), metric))) {
						checks.add(new PerformanceCheck(new ModelKey(tenantId, evaluation.modelId()), segment.segment(),
								metric, value, thresholds.of(metric), evaluation.id(), evaluation.evaluatedAt(),
								evaluation.modelVersion()));
					}
				});
			}
		}
		return new TenantPerformance(checks, invalid);
	}

	private record Checked(String modelId, String segment, Metric metric) {
	}

	/**
	 * Which segments of an evaluation are checked: those of a configured dimension whose
	 * metrics came from at least {@code minCount} records (an entry without a count is
	 * not checked: its metrics may rest on a handful of deals).
	 */
	public record SegmentRule(Set<String> dimensions, long minCount) {

		public static final SegmentRule NONE = new SegmentRule(Set.of(), Long.MAX_VALUE);

		public SegmentRule {
			dimensions = Set.copyOf(dimensions);
		}

		boolean checks(SegmentMetrics segment) {
			return this.dimensions.contains(segment.dimension()) && segment.count() != null
					&& segment.count() >= this.minCount;
		}

	}

	/** The checks of one tenant, and how many of its evaluations were unusable. */
	public record TenantPerformance(List<PerformanceCheck> checks, int invalidEvaluations) {
	}

}
