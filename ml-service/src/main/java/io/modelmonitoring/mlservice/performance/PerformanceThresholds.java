package io.modelmonitoring.mlservice.performance;

/** The value above which each metric counts as degraded. */
public record PerformanceThresholds(double brier, double mae) {

	double of(Metric metric) {
		return switch (metric) {
			case BRIER -> this.brier;
			case MAE -> this.mae;
		};
	}

}
