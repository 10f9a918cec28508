package io.modelmonitoring.contracts;

import java.time.Instant;
import java.util.List;

/**
 * The {@code data} of {@link MessageTypes#DRIFT_DETECTED}.
 *
 * @param bins K, the number of bins PSI was computed over
 * @param edges the K − 1 bin edges, ascending
 * @param histogram the K bins, lowest first
 * @param reportUrl the run report's section on this model; null unless a report base URL
 * is configured
 * @param alertId see {@link Lifecycle}, as are {@code state}, {@code firstDetectedAt} and
 * {@code consecutiveRuns}
 * @param adjustedPValue the p-value after the Benjamini–Hochberg adjustment over all of
 * the model's checks in the run (predictions, segments, features): what the gate compared
 * @param segment {@code dimension=value}, or null for the whole model
 * @param feature {@code prediction}, or the input feature the check is of
 */
public record DriftDetected(String modelId, String segment, String metric, String feature, double delta,
		double threshold, double pValue, double noiseFloor, int baselineCount, int currentCount, int bins,
		List<Double> edges, List<HistogramBin> histogram, Window baselineWindow, Window currentWindow, String reportUrl,
		String alertId, String state, Instant firstDetectedAt, Integer consecutiveRuns, Double adjustedPValue) {

	/** A half-open time window {@code [from, to)}. */
	public record Window(Instant from, Instant to) {
	}

}
