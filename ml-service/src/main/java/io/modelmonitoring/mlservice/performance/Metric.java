package io.modelmonitoring.mlservice.performance;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The performance metrics an evaluation records, and where each may be recorded. */
public enum Metric {

	BRIER("brier", List.of("brier"), List.of("brier", "Brier")),

	MAE("mae", List.of("mae"), List.of("mae", "MAE"));

	private final String key;

	private final List<String> topLevelFields;

	private final List<String> metricsFields;

	Metric(String key, List<String> topLevelFields, List<String> metricsFields) {
		this.key = key;
		this.topLevelFields = topLevelFields;
		this.metricsFields = metricsFields;
	}

	/** The metric of a key, as events and answers name it; empty for any other name. */
	public static Optional<Metric> ofKey(String key) {
		return Arrays.stream(values()).filter((metric) -> metric.key.equals(key)).findFirst();
	}

	/** The name used in events, answers and metric labels. */
	public String key() {
		return this.key;
	}

	List<String> topLevelFields() {
		return this.topLevelFields;
	}

	List<String> metricsFields() {
		return this.metricsFields;
	}

}
