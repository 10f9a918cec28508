package io.modelmonitoring.contracts;

import java.time.Instant;

import io.modelmonitoring.contracts.DriftDetected.Window;

/**
 * The {@code data} of {@link MessageTypes#VOLUME_DROPPED}: the current window holds less
 * than {@code minRatio} of the predictions the baseline foretells, {@code expected} =
 * baselineCount × 7 / 30 (the current window is a week, the baseline 30 days).
 *
 * @param metric "volume"
 * @param observed the current window's valid predictions
 */
public record VolumeDropped(String modelId, String segment, String metric, double expected, int observed,
		double minRatio, int baselineCount, Window baselineWindow, Window currentWindow, String reportUrl,
		String alertId, String state, Instant firstDetectedAt, Integer consecutiveRuns) {
}
