package io.modelmonitoring.mlservice.monitoring;

import java.util.Map;

import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.WindowSamples;

/** What the log scan gave a run: samples, or the reason there are none. */
record DriftScan(Map<ModelKey, WindowSamples> samples, long invalidRecords, String skippedReason) {

	static DriftScan skipped(String reason) {
		return new DriftScan(Map.of(), 0, reason);
	}

}
