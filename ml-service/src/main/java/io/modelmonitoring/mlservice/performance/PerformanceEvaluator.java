package io.modelmonitoring.mlservice.performance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.modelmonitoring.scan.model.ModelKey;

/**
 * Turns one tenant's most recent evaluations into checks: per model, the newest usable
 * Brier and the newest usable MAE are each one check. Pure: no Spring, no I/O.
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
				if (evaluation.value(metric).isPresent() && checked.add(new Checked(evaluation.modelId(), metric))) {
					checks.add(new PerformanceCheck(new ModelKey(tenantId, evaluation.modelId()), metric,
							evaluation.value(metric).getAsDouble(), thresholds.of(metric), evaluation.id(),
							evaluation.evaluatedAt(), evaluation.modelVersion()));
				}
			}
		}
		return new TenantPerformance(checks, invalid);
	}

	private record Checked(String modelId, Metric metric) {
	}

	/** The checks of one tenant, and how many of its evaluations were unusable. */
	public record TenantPerformance(List<PerformanceCheck> checks, int invalidEvaluations) {
	}

}
