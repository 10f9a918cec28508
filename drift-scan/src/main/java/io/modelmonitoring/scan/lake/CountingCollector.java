package io.modelmonitoring.scan.lake;

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

	CountingCollector(LogScanRequest request, SignalPlan plan) {
		super(request);
		this.plan = plan;
	}

	@Override
	void add(String tenantId, String modelId, double prediction, boolean inBaseline, boolean inCurrent,
			RecordDetails details) {
		SignalPlan.ModelPlan model = this.plan.find(tenantId, modelId);
		if (model == null || details == null) {
			return;
		}
		ModelCounters counters = counters(tenantId, modelId);
		for (Map.Entry<Integer, Map<String, SignalPlan.Group>> dimension : model.segments.entrySet()) {
			String value = details.segmentValues[dimension.getKey()];
			SignalPlan.Group group = (value != null) ? dimension.getValue().get(value) : null;
			if (group != null && group.pending()) {
				feed(counters.segment(dimension.getKey(), value, group), prediction, inBaseline, inCurrent);
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
				feed(counters.feature(details.names[k], group), details.numbers[k], inBaseline, inCurrent);
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
	static final class ModelCounters {

		private final SignalPlan.ModelPlan plan;

		private final Map<Integer, Map<String, BinCounter>> segments = new HashMap<>();

		private final Map<String, BinCounter> features = new HashMap<>();

		ModelCounters(SignalPlan.ModelPlan plan) {
			this.plan = plan;
		}

		BinCounter segment(int dimension, String value, SignalPlan.Group group) {
			return this.segments.computeIfAbsent(dimension, (d) -> new HashMap<>())
				.computeIfAbsent(value, (v) -> group.newCounter());
		}

		BinCounter feature(String name, SignalPlan.Group group) {
			return this.features.computeIfAbsent(name, (n) -> group.newCounter());
		}

		/** The counter of a group, empty when no record of it came. */
		BinCounter segment(int dimension, String value) {
			return segment(dimension, value, this.plan.segments.get(dimension).get(value));
		}

		BinCounter feature(String name) {
			return feature(name, this.plan.features.get(name));
		}

		void merge(ModelCounters later) {
			later.segments.forEach((dimension, counters) -> counters
				.forEach((value, counter) -> segment(dimension, value, this.plan.segments.get(dimension).get(value))
					.merge(counter)));
			later.features.forEach((name, counter) -> feature(name, this.plan.features.get(name)).merge(counter));
		}

	}

}
