package io.modelmonitoring.mlservice.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.modelmonitoring.mlservice.performance.PerformanceCheck;
import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.scan.model.ModelKey;

/**
 * The checks that tell a quiet week from missing data: a model whose logs thinned out or
 * stopped, and a model whose evaluations stopped arriving. Pure: no Spring, no I/O.
 */
public final class DataHealth {

	/** The current window is a week, the baseline 30 days. */
	static final double CURRENT_TO_BASELINE_DAYS = 7.0 / 30.0;

	private DataHealth() {
	}

	/** The predictions a week should hold, foretold by a 30-day baseline. */
	public static double expectedCurrent(int baselineCount) {
		return baselineCount * CURRENT_TO_BASELINE_DAYS;
	}

	/**
	 * One check per model with at least {@code minSamples} baseline predictions: fewer
	 * cannot foretell a volume.
	 */
	static List<VolumeCheck> volume(List<DriftCheck> drift, int minSamples, double minRatio) {
		List<VolumeCheck> checks = new ArrayList<>();
		for (DriftCheck check : drift.stream().filter(DriftCheck::wholeModel).toList()) {
			if (check.baselineCount() >= minSamples) {
				double expected = expectedCurrent(check.baselineCount());
				checks.add(new VolumeCheck(check.model(), check.baselineCount(), check.currentCount(), expected,
						check.currentCount() < minRatio * expected));
			}
		}
		return checks;
	}

	/** One check per model with a performance check: its newest usable evaluation. */
	static List<StaleCheck> staleness(List<PerformanceCheck> performance, Instant asOf, Duration maxAge) {
		Map<ModelKey, PerformanceCheck> newest = new TreeMap<>();
		for (PerformanceCheck check : performance) {
			newest.merge(check.model(), check, (a, b) -> b.evaluatedAt().isAfter(a.evaluatedAt()) ? b : a);
		}
		List<StaleCheck> checks = new ArrayList<>(newest.size());
		newest.forEach((model, check) -> {
			Duration age = Duration.between(check.evaluatedAt(), asOf);
			checks
				.add(new StaleCheck(model, check.evaluationId(), check.evaluatedAt(), age, age.compareTo(maxAge) > 0));
		});
		return checks;
	}

	/**
	 * @param expected baselineCount × 7 / 30
	 */
	record VolumeCheck(ModelKey model, int baselineCount, int currentCount, double expected, boolean dropped) {
	}

	record StaleCheck(ModelKey model, String evaluationId, Instant evaluatedAt, Duration age, boolean stale) {
	}

}
