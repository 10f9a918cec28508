package io.modelmonitoring.mlservice.monitoring;

import java.util.Map;

import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.ModelSignals;
import io.modelmonitoring.scan.model.WindowSamples;

/**
 * What the log scan gave a run: predictions, segments and features, or the reason there
 * are none.
 */
record DriftScan(Map<ModelKey, WindowSamples> samples, Map<ModelKey, ModelSignals> signals, long invalidRecords,
		String skippedReason) {

	static DriftScan skipped(String reason) {
		return new DriftScan(Map.of(), Map.of(), 0, reason);
	}

}
