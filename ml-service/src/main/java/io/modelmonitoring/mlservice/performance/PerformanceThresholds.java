package io.modelmonitoring.mlservice.performance;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The value above which each metric counts as degraded, one per {@link Metric}. */
public final class PerformanceThresholds {

	private final Map<Metric, Double> thresholds = new EnumMap<>(Metric.class);

	private PerformanceThresholds(ToDoubleFunction<Metric> threshold) {
		for (Metric metric : Metric.values()) {
			this.thresholds.put(metric, threshold.applyAsDouble(metric));
		}
	}

	/** Asks for the threshold of every metric, so that none can be left out. */
	public static PerformanceThresholds of(ToDoubleFunction<Metric> threshold) {
		return new PerformanceThresholds(threshold);
	}

	public double of(Metric metric) {
		return this.thresholds.get(metric);
	}

}
