package io.modelmonitoring.scan.lake;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.modelmonitoring.scan.binning.BinCounter;

/**
 * A later pass of a scan: reads the records again and feeds only the groups of a
 * {@link SignalPlan} still waiting for their bins.
 */
final class CountingCollector extends RecordCollector {

	/** Stands for a model without groups to count in {@link #byTenant}. */
	private static final ModelCounters NOTHING_TO_COUNT = new ModelCounters(new SignalPlan.ModelPlan(2));

	private final SignalPlan plan;

	private final Map<String, Map<String, ModelCounters>> byTenant = new HashMap<>();

	/** Made on first use: a collector that travelled comes without it. */
	private transient RecentModels<ModelCounters> recent;

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
		if (counters.predictions != null) {
			counters.feed(counters.predictions, prediction, inBaseline, inCurrent);
		}
		for (int d = 0; d < counters.segments.length; d++) {
			Map<String, BinCounter> values = counters.segments[d];
			String value = (values != null) ? details.segmentValues[d] : null;
			BinCounter counter = (value != null) ? values.get(value) : null;
			if (counter != null) {
				counters.feed(counter, prediction, inBaseline, inCurrent);
			}
		}
		if (!counters.hasFeatures) {
			return;
		}
		for (int k = 0; k < details.features; k++) {
			if (details.kinds[k] == RecordDetails.NUMBER) {
				BinCounter counter = counters.feature(k, details.names[k]);
				if (counter != null) {
					counters.feed(counter, details.numbers[k], inBaseline, inCurrent);
				}
			}
		}
	}

	/** The counters of a model with groups to count; null for any other model. */
	private ModelCounters countersOf(String tenantId, String modelId) {
		if (this.recent == null) {
			this.recent = new RecentModels<>();
		}
		ModelCounters counters = this.recent.get(tenantId, modelId);
		if (counters == null) {
			counters = mapped(tenantId, modelId);
			this.recent.put(tenantId, modelId, counters);
		}
		return counters.countsNothing() ? null : counters;
	}

	/**
	 * The counters in {@link #byTenant}, made on first sight; models without groups to
	 * count are remembered as such.
	 */
	private ModelCounters mapped(String tenantId, String modelId) {
		// get before put: a capturing lambda would be allocated at every miss.
		Map<String, ModelCounters> models = this.byTenant.get(tenantId);
		if (models == null) {
			models = new HashMap<>();
			this.byTenant.put(tenantId, models);
		}
		ModelCounters counters = models.get(modelId);
		if (counters == null) {
			SignalPlan.ModelPlan plan = this.plan.find(tenantId, modelId);
			counters = (plan != null) ? new ModelCounters(plan) : NOTHING_TO_COUNT;
			models.put(modelId, counters);
		}
		return counters;
	}

	/** A model's counters, every value fed to them counted. */
	ModelCounters counters(String tenantId, String modelId) {
		ModelCounters counters = this.byTenant.computeIfAbsent(tenantId, (tenant) -> new HashMap<>())
			.computeIfAbsent(modelId, (model) -> new ModelCounters(this.plan.find(tenantId, modelId)));
		counters.countWaiting();
		return counters;
	}

	/** Adds what another part of the pass counted; counters merge in any order. */
	void merge(CountingCollector other) {
		other.byTenant.forEach((tenantId, models) -> models.forEach((modelId, counters) -> {
			if (!counters.countsNothing()) {
				counters(tenantId, modelId).merge(counters);
			}
		}));
		mergeCounts(other);
	}

	/**
	 * The counters of one model's pending groups, made with the first record of the
	 * model.
	 */
	static final class ModelCounters implements Serializable {

		/** Values waiting to be counted, per model: 256 (3.3 kB while it counts). */
		private static final int WAITING = 256;

		private static final byte BASELINE = 1;

		private static final byte CURRENT = 2;

		private final SignalPlan.ModelPlan plan;

		/** By the group's index; null for a group done in an earlier pass. */
		private final BinCounter[] counters;

		private final SignalPlan.Group[] groups;

		/** Per dimension of the scan: its pending values' counters, null when none. */
		private final Map<String, BinCounter>[] segments;

		private final boolean hasFeatures;

		/** The whole model's predictions, when sketched and pending; else null. */
		private final BinCounter predictions;

		// The counter of each feature slot of the previous record of this model: records
		// of one model list their features in one order, and the parser hands in the
		// same name Strings, so a lookup is most often a reference comparison.

		private String[] slotNames = new String[0];

		private BinCounter[] slotCounters = new BinCounter[0];

		// The values of the model's last records, in order, each with its counter: fed
		// to the counters a few hundred at a time, so that the model's counters are in
		// the cache while they count, where feeding each record's twenty values at once
		// would find most of them out of it.

		private BinCounter[] waitingCounters;

		private double[] waitingValues;

		private byte[] waitingWindows;

		private int waiting;

		@SuppressWarnings("unchecked")
		ModelCounters(SignalPlan.ModelPlan plan) {
			this.plan = plan;
			this.counters = new BinCounter[plan.groups];
			this.groups = new SignalPlan.Group[plan.groups];
			int dimensions = plan.segments.keySet().stream().mapToInt((d) -> d + 1).max().orElse(0);
			this.segments = new Map[dimensions];
			plan.segments.forEach((dimension, values) -> values.forEach((value, group) -> {
				if (group.pending()) {
					if (this.segments[dimension] == null) {
						this.segments[dimension] = new HashMap<>();
					}
					this.segments[dimension].put(value, of(group));
				}
			}));
			this.hasFeatures = plan.features.values().stream().anyMatch(SignalPlan.Group::pending);
			this.predictions = (plan.predictions != null && plan.predictions.pending()) ? of(plan.predictions) : null;
		}

		/**
		 * The stand-in of a model without groups to count. Known by its shape, not its
		 * identity: a part that travelled holds a copy of the stand-in.
		 */
		boolean countsNothing() {
			return this.counters.length == 0;
		}

		/** A value of a record in the given windows, for one of this model's counters. */
		void feed(BinCounter counter, double value, boolean inBaseline, boolean inCurrent) {
			if (this.waitingCounters == null) {
				this.waitingCounters = new BinCounter[WAITING];
				this.waitingValues = new double[WAITING];
				this.waitingWindows = new byte[WAITING];
			}
			int i = this.waiting;
			this.waitingCounters[i] = counter;
			this.waitingValues[i] = value;
			this.waitingWindows[i] = (byte) ((inBaseline ? BASELINE : 0) | (inCurrent ? CURRENT : 0));
			this.waiting = i + 1;
			if (this.waiting == WAITING) {
				countWaiting();
			}
		}

		/** Feeds the waiting values to their counters. */
		void countWaiting() {
			for (int i = 0; i < this.waiting; i++) {
				BinCounter counter = this.waitingCounters[i];
				double value = this.waitingValues[i];
				byte windows = this.waitingWindows[i];
				if ((windows & BASELINE) != 0) {
					counter.addBaseline(value);
				}
				if ((windows & CURRENT) != 0) {
					counter.addCurrent(value);
				}
				this.waitingCounters[i] = null;
			}
			this.waiting = 0;
		}

		/** The counter of a record's feature, null when it is not counted. */
		BinCounter feature(int slot, String name) {
			if (slot >= this.slotNames.length) {
				this.slotNames = Arrays.copyOf(this.slotNames, Math.max(16, slot * 2));
				this.slotCounters = Arrays.copyOf(this.slotCounters, this.slotNames.length);
			}
			if (this.slotNames[slot] != name) {
				SignalPlan.Group group = this.plan.features.get(name);
				this.slotNames[slot] = name;
				this.slotCounters[slot] = (group != null && group.pending()) ? of(group) : null;
			}
			return this.slotCounters[slot];
		}

		/** The counter of a group. */
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
			countWaiting();
			later.countWaiting();
			for (int i = 0; i < later.counters.length; i++) {
				if (later.counters[i] != null) {
					of(later.groups[i]).merge(later.counters[i]);
				}
			}
		}

	}

}
