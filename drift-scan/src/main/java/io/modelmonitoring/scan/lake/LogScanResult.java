package io.modelmonitoring.scan.lake;

import java.util.Map;

import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.ModelSignals;
import io.modelmonitoring.scan.model.WindowSamples;

/**
 * What a drift scan found: the predictions per model (only models with at least one valid
 * record in either window), and what it had to pass over.
 *
 * @param samples predictions per (tenant, model), in no particular order
 * @param signals per (tenant, model) its segments and features, when the scan read them
 * (else empty)
 * @param invalidRecords lines that were not a valid record (not JSON, missing fields, a
 * non-numeric or non-finite prediction, a bad timestamp)
 * @param filesRead files read to the end
 * @param unreadableFiles files that could not be read or decompressed (logged; the scan
 * went on)
 */
public record LogScanResult(Map<ModelKey, WindowSamples> samples, Map<ModelKey, ModelSignals> signals,
		long invalidRecords, int filesRead, int unreadableFiles) {
}
