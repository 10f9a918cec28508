package io.modelmonitoring.scan.lake;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.modelmonitoring.scan.binning.GroupWindows;

import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.ModelSignals;
import io.modelmonitoring.scan.model.WindowSamples;

/**
 * The first pass of a scan: the predictions per (tenant, model) and window, kept as they
 * are, and, when the scan asks for them, each model's segments and features
 * ({@link SignalGatherer}): spilled whole to the scan's file in-process, or in bounded
 * sketches in parts that travel. Not thread-safe: a parallel scan gives each file its own
 * collector and {@link #merge merges} them in file order.
 * <p>
 * Lookups go tenant → model through two maps keyed by the strings the parser hands in, so
 * that a line costs no {@link ModelKey}; the keys are made once, in {@link #toResult}.
 */
final class SampleCollector extends RecordCollector {

	private final Map<String, Map<String, ModelGather>> byTenant = new HashMap<>();

	/** Made on first use: a collector that travelled comes without it. */
	private transient RecentModels<ModelGather> recent;

	/** Null when the segments and features are sketched. */
	private final transient SpillWriter spill;

	/** Segments and features in sketches (parts that travel). */
	SampleCollector(LogScanRequest request) {
		this(request, null);
	}

	/** Segments and features spilled to {@code spill}, or sketched when it is null. */
	SampleCollector(LogScanRequest request, ValueSpill spill) {
		super(request);
		this.spill = (spill != null) ? new SpillWriter(spill) : null;
	}

	@Override
	void add(String tenantId, String modelId, double prediction, boolean inBaseline, boolean inCurrent,
			RecordDetails details) {
		ModelGather gather = gatherOf(tenantId, modelId);
		if (!signals().sketchPredictions()) {
			if (inBaseline) {
				gather.predictions.baseline().add(prediction);
			}
			if (inCurrent) {
				gather.predictions.current().add(prediction);
			}
		}
		if (details != null && (details.any() || signals().sketchPredictions())) {
			if (gather.signals == null) {
				gather.signals = new SignalGatherer(signals(), this.spill);
			}
			gather.signals.add(prediction, inBaseline, inCurrent, details);
		}
	}

	private ModelGather gatherOf(String tenantId, String modelId) {
		if (this.recent == null) {
			this.recent = new RecentModels<>();
		}
		ModelGather gather = this.recent.get(tenantId, modelId);
		if (gather != null) {
			return gather;
		}
		// get before put: a capturing lambda would be allocated at every miss.
		Map<String, ModelGather> models = this.byTenant.get(tenantId);
		if (models == null) {
			models = new HashMap<>();
			this.byTenant.put(tenantId, models);
		}
		gather = models.get(modelId);
		if (gather == null) {
			gather = new ModelGather();
			models.put(modelId, gather);
		}
		this.recent.put(tenantId, modelId, gather);
		return gather;
	}

	/**
	 * Adds what another collector of the same request found. The other's samples are
	 * appended after this one's, so merging per-file collectors in file order gives each
	 * model and window the very order a sequential scan gives.
	 */
	void merge(SampleCollector other) {
		other.byTenant.forEach((tenantId, models) -> models.forEach((modelId, theirs) -> {
			ModelGather mine = gatherOf(tenantId, modelId);
			mine.predictions.baseline().addAll(theirs.predictions.baseline());
			mine.predictions.current().addAll(theirs.predictions.current());
			if (theirs.signals != null) {
				if (mine.signals == null) {
					mine.signals = new SignalGatherer(signals(), this.spill);
				}
				mine.signals.merge(theirs.signals);
			}
		}));
		mergeCounts(other);
	}

	/**
	 * Empties this collector for another file of the same request, keeping its arrays (a
	 * parallel scan reuses a merged part, so that the parts of later files grow no
	 * arrays).
	 */
	void clear() {
		if (this.spill != null && !this.spill.empty()) {
			throw new IllegalStateException("drift scan: a part is emptied before its spill was written");
		}
		this.byTenant.forEach((tenantId, models) -> models.forEach((modelId, gather) -> {
			gather.predictions.baseline().clear();
			gather.predictions.current().clear();
			gather.signals = null;
		}));
		clearCounts();
	}

	/**
	 * Writes the values still waiting for the spill: the last thing a part's reader does,
	 * before the part is merged (a no-op when the groups are sketched).
	 */
	void flushSpill() {
		if (this.spill != null) {
			this.spill.flush();
		}
	}

	/**
	 * Every segment and feature group with values, to be binned before {@link #toResult}.
	 */
	List<GroupWindows> groups() {
		List<GroupWindows> groups = new ArrayList<>();
		this.byTenant.forEach((tenantId, models) -> models.forEach((modelId, gather) -> {
			if (gather.signals != null) {
				gather.signals.groups(groups);
			}
		}));
		return groups;
	}

	/**
	 * The groups whose sketches cannot give exact bins alone: a second pass counts them.
	 */
	SignalPlan plan() {
		SignalPlan plan = new SignalPlan(signals().bins());
		this.byTenant.forEach((tenantId, models) -> models.forEach((modelId, gather) -> {
			if (gather.signals != null) {
				gather.signals.needsCounting(plan.model(tenantId, modelId));
			}
		}));
		return plan;
	}

	/** The result of a scan of one pass. */
	LogScanResult toResult() {
		return toResult(null);
	}

	/**
	 * The scan's result; the signals binned from their own values or, for the groups of
	 * {@code counted}, from its passes.
	 */
	LogScanResult toResult(SignalPlan counted) {
		Map<ModelKey, WindowSamples> samples = new HashMap<>();
		Map<ModelKey, ModelSignals> signals = new HashMap<>();
		this.byTenant.forEach((tenantId, models) -> models.forEach((modelId, gather) -> {
			ModelKey key = new ModelKey(tenantId, modelId);
			samples.put(key, gather.predictions);
			if (gather.signals != null) {
				signals.put(key, gather.signals.toSignals((counted != null) ? counted.find(tenantId, modelId) : null));
			}
			else if (signals().any()) {
				// A model none of whose records named a segment or a feature.
				signals.put(key, new SignalGatherer(signals()).toSignals(null));
			}
		}));
		return new LogScanResult(samples, signals, invalidRecords(), filesRead(), unreadableFiles());
	}

	/** What one model's records gave. */
	private static final class ModelGather implements Serializable {

		final WindowSamples predictions = new WindowSamples();

		/**
		 * Made with the model's first record that names a segment or a feature (or with
		 * its first record, when the predictions are sketched): a lake without them makes
		 * none.
		 */
		SignalGatherer signals;

	}

}
