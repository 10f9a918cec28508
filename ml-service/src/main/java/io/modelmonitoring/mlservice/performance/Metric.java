package io.modelmonitoring.mlservice.performance;

import java.util.List;

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
