package io.modelmonitoring.mlservice.report;

import io.modelmonitoring.contracts.Lifecycle;
import io.modelmonitoring.mlservice.performance.Metric;

/** How the reports name metrics and alerts. */
final class Labels {

	/** The alert key of a drift finding, beside the metric keys. */
	static final String DRIFT = "psi";

	private Labels() {
	}

	/** A metric as the reports name it. */
	static String metric(Metric metric) {
		return switch (metric) {
			case BRIER -> "Brier score";
			case MAE -> "MAE";
		};
	}

	/** An alert's key as a table names it: "drift", or the metric's name. */
	static String alertKey(String key) {
		if (DRIFT.equals(key)) {
			return "drift";
		}
		return Metric.ofKey(key).map(Labels::metric).orElse(key);
	}

	/** Since when a finding fires, as a sentence after the finding. */
	static String since(Lifecycle alert) {
		if (Lifecycle.NEW.equals(alert.state())) {
			return "New in this run.";
		}
		return "Ongoing since the run of " + Numbers.day(alert.firstDetectedAt()) + " (" + alert.consecutiveRuns()
				+ " runs in a row).";
	}

	/** Since when a finding fires, as a table cell says it. */
	static String state(Lifecycle alert) {
		if (Lifecycle.NEW.equals(alert.state())) {
			return "new in this run";
		}
		return "ongoing since " + Numbers.day(alert.firstDetectedAt()) + " (" + alert.consecutiveRuns() + " runs)";
	}

}
