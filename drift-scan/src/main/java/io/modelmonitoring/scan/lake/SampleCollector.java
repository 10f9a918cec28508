package io.modelmonitoring.scan.lake;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.WindowSamples;

/**
 * Where the records of a scan end up: the predictions per (tenant, model) and window, and
 * the counts of what was passed over. Not thread-safe: a parallel scan gives each worker
 * its own collector and {@link #merge merges} them at the end.
 * <p>
 * Lookups go tenant → model through two maps keyed by the strings the parser hands in, so
 * that a line costs no {@link ModelKey}; the keys are made once, in {@link #toResult()}.
 */
final class SampleCollector {

	private final LogScanRequest request;

	private final Map<String, Map<String, WindowSamples>> byTenant = new HashMap<>();

	private long invalidRecords;

	private int filesRead;

	private int unreadableFiles;

	private String lastTenant;

	private String lastModel;

	private WindowSamples lastSamples;

	SampleCollector(LogScanRequest request) {
		this.request = request;
	}

	/**
	 * Judges one record, whatever format it came in, by the rules of docs/data-lake.md in
	 * their order: tenant (missing: invalid; not wanted: nothing), timestamp (missing or
	 * unusable: invalid; in neither window: nothing), model, prediction (missing or not
	 * finite: invalid); otherwise a sample.
	 * @param tenantId the tenant, null when missing or not a string
	 * @param timestamp the record's instant, null when missing or unusable
	 * @param modelId the model, null when missing or not a string
	 * @param hasPrediction whether the record holds a numeric prediction
	 * @param prediction the prediction, when it has one
	 */
	void record(String tenantId, Instant timestamp, String modelId, boolean hasPrediction, double prediction) {
		if (tenantId == null || tenantId.isEmpty()) {
			this.invalidRecords++;
			return;
		}
		if (!this.request.wants(tenantId)) {
			return;
		}
		if (timestamp == null) {
			this.invalidRecords++;
			return;
		}
		boolean inBaseline = this.request.baseline().contains(timestamp);
		boolean inCurrent = this.request.current().contains(timestamp);
		if (!inBaseline && !inCurrent) {
			return;
		}
		if (modelId == null || modelId.isEmpty() || !hasPrediction || !Double.isFinite(prediction)) {
			this.invalidRecords++;
			return;
		}
		add(tenantId, modelId, prediction, inBaseline, inCurrent);
	}

	/** Adds a valid prediction to the windows its record's timestamp falls in. */
	void add(String tenantId, String modelId, double prediction, boolean inBaseline, boolean inCurrent) {
		WindowSamples samples = samplesOf(tenantId, modelId);
		if (inBaseline) {
			samples.baseline().add(prediction);
		}
		if (inCurrent) {
			samples.current().add(prediction);
		}
	}

	private WindowSamples samplesOf(String tenantId, String modelId) {
		// The parser hands in the same String instances while consecutive lines are of
		// one model, so the common case is two reference comparisons.
		if (tenantId == this.lastTenant && modelId == this.lastModel) {
			return this.lastSamples;
		}
		WindowSamples samples = this.byTenant.computeIfAbsent(tenantId, (tenant) -> new HashMap<>())
			.computeIfAbsent(modelId, (model) -> new WindowSamples());
		this.lastTenant = tenantId;
		this.lastModel = modelId;
		this.lastSamples = samples;
		return samples;
	}

	void invalidRecord() {
		this.invalidRecords++;
	}

	void fileRead() {
		this.filesRead++;
	}

	void unreadableFile() {
		this.unreadableFiles++;
	}

	/**
	 * Adds what another collector of the same request found. The other's samples are
	 * appended after this one's, so merging per-file collectors in file order gives each
	 * model and window the very order a sequential scan gives.
	 */
	void merge(SampleCollector other) {
		other.byTenant.forEach((tenantId, models) -> models.forEach((modelId, samples) -> {
			WindowSamples mine = samplesOf(tenantId, modelId);
			mine.baseline().addAll(samples.baseline());
			mine.current().addAll(samples.current());
		}));
		this.invalidRecords += other.invalidRecords;
		this.filesRead += other.filesRead;
		this.unreadableFiles += other.unreadableFiles;
	}

	LogScanResult toResult() {
		Map<ModelKey, WindowSamples> samples = new HashMap<>();
		this.byTenant.forEach((tenantId, models) -> models
			.forEach((modelId, windows) -> samples.put(new ModelKey(tenantId, modelId), windows)));
		return new LogScanResult(samples, this.invalidRecords, this.filesRead, this.unreadableFiles);
	}

}
