package io.modelmonitoring.scan.lake;

import java.io.Serializable;
import java.time.Instant;

/**
 * Where the parsed records of a scan go: judges each by the rules of docs/data-lake.md in
 * their order, counts what was passed over, and hands the valid ones to {@link #add}. Not
 * thread-safe: a parallel scan gives each file its own collector and merges them in file
 * order.
 */
abstract class RecordCollector implements Serializable {

	private final LogScanRequest request;

	private long invalidRecords;

	private int filesRead;

	private int unreadableFiles;

	RecordCollector(LogScanRequest request) {
		this.request = request;
	}

	final ScanSignals signals() {
		return this.request.signals();
	}

	/**
	 * Judges one record, whatever format it came in: tenant (missing: invalid; not
	 * wanted: nothing), timestamp (missing or unusable: invalid; in neither window:
	 * nothing), model, prediction (missing or not finite: invalid); otherwise a sample.
	 * @param tenantId the tenant, null when missing or not a string
	 * @param timestamp the record's instant, null when missing or unusable
	 * @param modelId the model, null when missing or not a string
	 * @param hasPrediction whether the record holds a numeric prediction
	 * @param prediction the prediction, when it has one
	 * @param details the record's segment values and features, null when the scan reads
	 * neither
	 */
	final void record(String tenantId, Instant timestamp, String modelId, boolean hasPrediction, double prediction,
			RecordDetails details) {
		if (timestamp == null) {
			record(tenantId, false, 0, 0, modelId, hasPrediction, prediction, details);
		}
		else {
			record(tenantId, true, timestamp.getEpochSecond(), timestamp.getNano(), modelId, hasPrediction, prediction,
					details);
		}
	}

	/**
	 * The same with the instant as seconds and nanoseconds since the epoch, so that a
	 * line of JSON makes no {@link Instant}.
	 * @param hasTimestamp false when the timestamp is missing or unusable
	 */
	final void record(String tenantId, boolean hasTimestamp, long epochSecond, int nano, String modelId,
			boolean hasPrediction, double prediction, RecordDetails details) {
		if (tenantId == null || tenantId.isEmpty()) {
			this.invalidRecords++;
			return;
		}
		if (!this.request.wants(tenantId)) {
			return;
		}
		if (!hasTimestamp) {
			this.invalidRecords++;
			return;
		}
		boolean inBaseline = this.request.baseline().contains(epochSecond, nano);
		boolean inCurrent = this.request.current().contains(epochSecond, nano);
		if (!inBaseline && !inCurrent) {
			return;
		}
		if (modelId == null || modelId.isEmpty() || !hasPrediction || !Double.isFinite(prediction)) {
			this.invalidRecords++;
			return;
		}
		add(tenantId, modelId, prediction, inBaseline, inCurrent, details);
	}

	/** A valid record of the windows its timestamp falls in. */
	abstract void add(String tenantId, String modelId, double prediction, boolean inBaseline, boolean inCurrent,
			RecordDetails details);

	final void invalidRecord() {
		this.invalidRecords++;
	}

	final void fileRead() {
		this.filesRead++;
	}

	final void unreadableFile() {
		this.unreadableFiles++;
	}

	final void clearCounts() {
		this.invalidRecords = 0;
		this.filesRead = 0;
		this.unreadableFiles = 0;
	}

	final void mergeCounts(RecordCollector other) {
		this.invalidRecords += other.invalidRecords;
		this.filesRead += other.filesRead;
		this.unreadableFiles += other.unreadableFiles;
	}

	final long invalidRecords() {
		return this.invalidRecords;
	}

	final int filesRead() {
		return this.filesRead;
	}

	final int unreadableFiles() {
		return this.unreadableFiles;
	}

}
