package io.modelmonitoring.contracts;

import java.time.Instant;

/** The {@code data} of {@link MessageTypes#DRIFT_DETECTED}. */
public record DriftDetected(String modelId, String segment, String metric, String feature, double delta,
		double threshold, double pValue, double noiseFloor, int baselineCount, int currentCount, int bins,
		Window baselineWindow, Window currentWindow) {

	/** A half-open time window {@code [from, to)}. */
	public record Window(Instant from, Instant to) {
	}

}
