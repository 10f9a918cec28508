package io.modelmonitoring.scan.lake;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.modelmonitoring.scan.binning.BinCounter;
import io.modelmonitoring.scan.binning.BinnedWindows;
import io.modelmonitoring.scan.binning.WindowSketch;

/**
 * The groups of a scan that one more pass must count, per tenant and model: those whose
 * windows outgrew the values a {@link WindowSketch} keeps exactly. Each pass counts them
 * with {@link BinCounter}s; a group is done when its counter gives the exact bins, and
 * goes on to another pass with wider brackets when not.
 */
final class SignalPlan implements Serializable {

	private final Map<String, Map<String, ModelPlan>> byTenant = new HashMap<>();

	private final int bins;

	SignalPlan(int bins) {
		this.bins = bins;
	}

	ModelPlan model(String tenantId, String modelId) {
		return this.byTenant.computeIfAbsent(tenantId, (tenant) -> new HashMap<>())
			.computeIfAbsent(modelId, (model) -> new ModelPlan(this.bins));
	}

	ModelPlan find(String tenantId, String modelId) {
		Map<String, ModelPlan> models = this.byTenant.get(tenantId);
		return (models != null) ? models.get(modelId) : null;
	}

	/** Whether some group still waits for its exact bins. */
	boolean pending() {
		return this.byTenant.values()
			.stream()
			.flatMap((models) -> models.values().stream())
			.anyMatch(ModelPlan::pending);
	}

	/**
	 * What plans the next pass of every group still waiting, one task a model (they touch
	 * no group of another model): the readers of the pass then only copy empty counters.
	 */
	List<Runnable> passPreparations() {
		return this.byTenant.values()
			.stream()
			.flatMap((models) -> models.values().stream())
			.map((model) -> (Runnable) model::prepare)
			.toList();
	}

	/** Takes the counts of a pass: groups done keep their bins, the rest widen. */
	void take(CountingCollector counted) {
		this.byTenant.forEach((tenantId, models) -> models.forEach((modelId, plan) -> {
			CountingCollector.ModelCounters counters = counted.counters(tenantId, modelId);
			plan.take(counters);
		}));
	}

	/**
	 * One group to count: the empty counter of its next pass (planned once, copied for
	 * each file), and its bins once known.
	 */
	static final class Group implements Serializable {

		/**
		 * Only the planning side calls it (before {@link #prepare}); readers copy
		 * {@link #pass}.
		 */
		private final transient Supplier<BinCounter> firstPass;

		private BinCounter pass;

		private BinnedWindows result;

		/** The group's place among its model's groups, for the counters of a pass. */
		final int index;

		Group(Supplier<BinCounter> firstPass, int index) {
			this.firstPass = firstPass;
			this.index = index;
		}

		boolean pending() {
			return this.result == null;
		}

		/** Plans the next pass, once, before readers start copying it. */
		void prepare() {
			if (this.pass == null) {
				this.pass = this.firstPass.get();
			}
		}

		BinCounter newCounter() {
			return this.pass.emptyCopy();
		}

		void take(BinCounter counted) {
			counted.binned().ifPresentOrElse((binned) -> this.result = binned, () -> this.pass = counted.widened());
		}

		BinnedWindows result() {
			return this.result;
		}

	}

	/** The groups of one model. */
	static final class ModelPlan implements Serializable {

		private final int bins;

		final Map<Integer, Map<String, Group>> segments = new HashMap<>();

		final Map<String, Group> features = new HashMap<>();

		/** The whole model's predictions, when sketched and too many to bin at once. */
		Group predictions;

		/** How many groups the model has to count. */
		int groups;

		ModelPlan(int bins) {
			this.bins = bins;
		}

		void segment(int dimension, String value, WindowSketch sketch) {
			this.segments.computeIfAbsent(dimension, (d) -> new HashMap<>())
				.put(value, new Group(() -> sketch.counter(this.bins), this.groups++));
		}

		void feature(String name, WindowSketch sketch) {
			this.features.put(name, new Group(() -> sketch.counter(this.bins), this.groups++));
		}

		void predictions(WindowSketch sketch) {
			this.predictions = new Group(() -> sketch.counter(this.bins), this.groups++);
		}

		void prepare() {
			if (this.predictions != null) {
				this.predictions.prepare();
			}
			this.segments.values().forEach((groups) -> groups.values().forEach(Group::prepare));
			this.features.values().forEach(Group::prepare);
		}

		boolean pending() {
			return this.segments.values()
				.stream()
				.flatMap((groups) -> groups.values().stream())
				.anyMatch(Group::pending) || this.features.values().stream().anyMatch(Group::pending)
					|| (this.predictions != null && this.predictions.pending());
		}

		BinnedWindows predictionsResult() {
			return (this.predictions != null) ? this.predictions.result() : null;
		}

		BinnedWindows segmentResult(int dimension, String value) {
			Map<String, Group> groups = this.segments.get(dimension);
			Group group = (groups != null) ? groups.get(value) : null;
			return (group != null) ? group.result() : null;
		}

		BinnedWindows featureResult(String name) {
			Group group = this.features.get(name);
			return (group != null) ? group.result() : null;
		}

		private void take(CountingCollector.ModelCounters counters) {
			if (this.predictions != null && this.predictions.pending()) {
				this.predictions.take(counters.of(this.predictions));
			}
			this.segments.forEach((dimension, groups) -> groups.forEach((value, group) -> {
				if (group.pending()) {
					group.take(counters.segment(dimension, value));
				}
			}));
			this.features.forEach((name, group) -> {
				if (group.pending()) {
					group.take(counters.feature(name));
				}
			});
		}

	}

}
