package io.modelmonitoring.scan.lake;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

import io.modelmonitoring.scan.binning.BinCounter;

/**
 * A later pass of a scan: reads the records again and feeds only the groups of a
 * {@link SignalPlan} still waiting for their bins.
 */
final class CountingCollector extends RecordCollector {

	private final SignalPlan plan;

	private final Map<String, Map<String, ModelCounters>> byTenant = new HashMap<>();

	// The model of the previous record: consecutive records are mostly of one model, and
	// the parser hands in the same strings for them.

	private transient String lastTenant;

	private transient String lastModel;

	private transient ModelCounters lastCounters;

	CountingCollector(LogScanRequest request, SignalPlan plan) {
		super(request);
		this.plan = plan;
	}

	@Override
	void add(String tenantId, String modelId, double prediction, boolean inBaseline, boolean inCurrent,
			RecordDetails details) {
		if (details == null) {
			return;
		}
		ModelCounters counters = countersOf(tenantId, modelId);
		if (counters == null) {
			return;
		}
		SignalPlan.ModelPlan model = counters.plan;
		if (model.predictions != null && model.predictions.pending()) {
			feed(counters.of(model.predictions), prediction, inBaseline, inCurrent);
		}
		for (Map.Entry<Integer, Map<String, SignalPlan.Group>> dimension : model.segments.entrySet()) {
			String value = details.segmentValues[dimension.getKey()];
			SignalPlan.Group group = (value != null) ? dimension.getValue().get(value) : null;
			if (group != null && group.pending()) {
				feed(counters.of(group), prediction, inBaseline, inCurrent);
			}
		}
		if (model.features.isEmpty()) {
			return;
		}
		for (int k = 0; k < details.features; k++) {
			if (details.kinds[k] != RecordDetails.NUMBER) {
				continue;
			}
			SignalPlan.Group group = model.features.get(details.names[k]);
			if (group != null && group.pending()) {
				feed(counters.of(group), details.numbers[k], inBaseline, inCurrent);
			}
		}
	}

	private static void feed(BinCounter counter, double value, boolean inBaseline, boolean inCurrent) {
		if (inBaseline) {
			counter.addBaseline(value);
		}
		if (inCurrent) {
			counter.addCurrent(value);
		}
	}

	/** The counters of a model with groups to count; null for any other model. */
	private ModelCounters countersOf(String tenantId, String modelId) {
		if (tenantId == this.lastTenant && modelId == this.lastModel) {
			return this.lastCounters;
		}
		SignalPlan.ModelPlan model = this.plan.find(tenantId, modelId);
		ModelCounters counters = (model != null) ? counters(tenantId, modelId) : null;
		this.lastTenant = tenantId;
		this.lastModel = modelId;
		this.lastCounters = counters;
		return counters;
	}

	ModelCounters counters(String tenantId, String modelId) {
		return this.byTenant.computeIfAbsent(tenantId, (tenant) -> new HashMap<>())
			.computeIfAbsent(modelId, (model) -> new ModelCounters(this.plan.find(tenantId, modelId)));
	}

	/** Adds what a later file's pass counted; counters merge in file order. */
	void merge(CountingCollector later) {
		later.byTenant.forEach((tenantId, models) -> models
			.forEach((modelId, counters) -> counters(tenantId, modelId).merge(counters)));
		mergeCounts(later);
	}

	/** The counters of one model's pending groups, made on first use. */
	static final class ModelCounters implements Serializable {

		private final SignalPlan.ModelPlan plan;

		/** By the group's index. */
		private final BinCounter[] counters;

		private final SignalPlan.Group[] groups;

		ModelCounters(SignalPlan.ModelPlan plan) {
			this.plan = plan;
			this.counters = new BinCounter[plan.groups];
			this.groups = new SignalPlan.Group[plan.groups];
		}

		/** The counter of a group, empty when no record of it came. */
		BinCounter of(SignalPlan.Group group) {
			BinCounter counter = this.counters[group.index];
			if (counter == null) {
				counter = group.newCounter();
				this.counters[group.index] = counter;
				this.groups[group.index] = group;
			}
			return counter;
		}

		BinCounter segment(int dimension, String value) {
			return of(this.plan.segments.get(dimension).get(value));
		}

		BinCounter feature(String name) {
			return of(this.plan.features.get(name));
		}

		void merge(ModelCounters later) {
			for (int i = 0; i < later.counters.length; i++) {
				if (later.counters[i] != null) {
					of(later.groups[i]).merge(later.counters[i]);
				}
			}
		}

	}

}
