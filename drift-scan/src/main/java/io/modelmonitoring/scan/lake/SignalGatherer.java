package io.modelmonitoring.scan.lake;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.modelmonitoring.scan.binning.BinnedWindows;
import io.modelmonitoring.scan.binning.GroupWindows;
import io.modelmonitoring.scan.binning.WindowSketch;
import io.modelmonitoring.scan.drift.CategoryCounts;
import io.modelmonitoring.scan.model.FeatureWindows;
import io.modelmonitoring.scan.model.ModelSignals;

/**
 * One model's segments and features as a scan reads them: per segment value its
 * predictions, per feature its numbers and categories. Numbers go to a group's
 * {@link GroupWindows}: in-process every value, spilled to the scan's file
 * ({@link SpilledWindows}); in parts that travel (no spill), a {@link WindowSketch} whose
 * memory stays bounded however many records come, and a counting pass later. Categories
 * go to {@link CategoryCounts}. Per dimension the first {@code maxSegmentValues} values
 * by name are kept, and the first {@code maxFeatures} feature names (see
 * {@link BoundedNames}).
 */
final class SignalGatherer implements Serializable {

	private final ScanSignals signals;

	/** Where spilled groups write; null when the groups are sketched. */
	private final transient SpillWriter spill;

	private final List<BoundedNames<GroupWindows>> segments;

	private final BoundedNames<FeatureGather> features;

	/** The whole model's predictions, when the scan sketches them; else null. */
	private final GroupWindows predictions;

	private long ignoredSegmentValues;

	// The feature of each slot of the previous record: records of one model list their
	// features in one order, so a lookup is most often a reference comparison.

	private String[] slotNames = new String[16];

	private FeatureGather[] slotFeatures = new FeatureGather[16];

	/** Per dimension, a direct-mapped table of recent segment values and their groups. */
	private static final int RECENT_VALUES = 16;

	private final String[] recentValues;

	private final GroupWindows[] recentGroups;

	/** Groups in sketches. */
	SignalGatherer(ScanSignals signals) {
		this(signals, null);
	}

	/** Groups spilled to {@code spill}'s file, or sketched when it is null. */
	SignalGatherer(ScanSignals signals, SpillWriter spill) {
		this.signals = signals;
		this.spill = spill;
		this.segments = new ArrayList<>(signals.dimensions().size());
		for (int d = 0; d < signals.dimensions().size(); d++) {
			this.segments.add(new BoundedNames<>(signals.maxSegmentValues(), ModelSignals.IGNORED_NAMES_TRACKED));
		}
		this.features = new BoundedNames<>(signals.maxFeatures(), ModelSignals.IGNORED_NAMES_TRACKED);
		this.predictions = signals.sketchPredictions() ? newGroup() : null;
		this.recentValues = new String[signals.dimensions().size() * RECENT_VALUES];
		this.recentGroups = new GroupWindows[this.recentValues.length];
	}

	void add(double prediction, boolean inBaseline, boolean inCurrent, RecordDetails details) {
		if (this.predictions != null) {
			if (inBaseline) {
				this.predictions.addBaseline(prediction);
			}
			if (inCurrent) {
				this.predictions.addCurrent(prediction);
			}
		}
		for (int d = 0; d < this.segments.size(); d++) {
			String value = details.segmentValues[d];
			if (value == null) {
				continue;
			}
			GroupWindows sketch = segment(d, value);
			if (sketch == null) {
				this.ignoredSegmentValues++;
				continue;
			}
			if (inBaseline) {
				sketch.addBaseline(prediction);
			}
			if (inCurrent) {
				sketch.addCurrent(prediction);
			}
		}
		for (int k = 0; k < details.features; k++) {
			FeatureGather feature = feature(k, details.names[k]);
			if (feature != null) {
				feature.add(details.kinds[k], details.numbers[k], details.categories[k], inBaseline, inCurrent, this);
			}
		}
	}

	private FeatureGather feature(int slot, String name) {
		if (slot >= this.slotNames.length) {
			this.slotNames = Arrays.copyOf(this.slotNames, slot * 2);
			this.slotFeatures = Arrays.copyOf(this.slotFeatures, slot * 2);
		}
		if (this.slotNames[slot] == name) {
			return this.slotFeatures[slot];
		}
		FeatureGather feature = usable(name)
				? this.features.getOrCreate(name, (key) -> new FeatureGather(), this::evictedFeature) : null;
		this.slotNames[slot] = name;
		this.slotFeatures[slot] = feature;
		return feature;
	}

	/**
	 * The group of a segment value: from the recent ones by reference (the parser hands
	 * in one String per distinct value of a file), else from the dimension's names.
	 */
	private GroupWindows segment(int dimension, String value) {
		int slot = dimension * RECENT_VALUES + (value.hashCode() & (RECENT_VALUES - 1));
		if (this.recentValues[slot] == value) {
			return this.recentGroups[slot];
		}
		GroupWindows group = usable(value)
				? this.segments.get(dimension).getOrCreate(value, (name) -> newGroup(), this::evictedSegment) : null;
		if (group != null) {
			this.recentValues[slot] = value;
			this.recentGroups[slot] = group;
		}
		return group;
	}

	private GroupWindows newGroup() {
		return (this.spill != null) ? new SpilledWindows(this.spill) : new WindowSketch();
	}

	private void evictedSegment(GroupWindows sketch) {
		this.ignoredSegmentValues += sketch.baselineCount() + sketch.currentCount();
		forgetSlots();
	}

	private void evictedFeature(FeatureGather feature) {
		forgetSlots();
	}

	/** A slot may point at what was just pushed out. */
	private void forgetSlots() {
		Arrays.fill(this.slotNames, null);
		Arrays.fill(this.slotFeatures, null);
		Arrays.fill(this.recentValues, null);
		Arrays.fill(this.recentGroups, null);
	}

	private static boolean usable(String name) {
		return !name.isEmpty() && name.length() <= ScanSignals.MAX_NAME_LENGTH;
	}

	/** Adds what a later part of the scan gathered for the same model. */
	void merge(SignalGatherer later) {
		if (this.predictions != null) {
			this.predictions.merge(later.predictions);
		}
		for (int d = 0; d < this.segments.size(); d++) {
			BoundedNames<GroupWindows> mine = this.segments.get(d);
			for (Map.Entry<String, GroupWindows> entry : later.segments.get(d).sorted()) {
				GroupWindows sketch = mine.getOrCreate(entry.getKey(), (name) -> newGroup(), this::evictedSegment);
				if (sketch == null) {
					this.ignoredSegmentValues += entry.getValue().baselineCount() + entry.getValue().currentCount();
				}
				else {
					sketch.merge(entry.getValue());
				}
			}
			mine.ignoreAll(later.segments.get(d));
		}
		this.ignoredSegmentValues += later.ignoredSegmentValues;
		for (Map.Entry<String, FeatureGather> entry : later.features.sorted()) {
			FeatureGather feature = this.features.getOrCreate(entry.getKey(), (name) -> new FeatureGather(),
					this::evictedFeature);
			if (feature != null) {
				feature.merge(entry.getValue(), this);
			}
		}
		this.features.ignoreAll(later.features);
		forgetSlots();
	}

	/**
	 * The sketches whose windows outgrew their exact values: a second pass counts them.
	 */
	void needsCounting(SignalPlan.ModelPlan plan) {
		if (countable(this.predictions)) {
			plan.predictions((WindowSketch) this.predictions);
		}
		for (int d = 0; d < this.segments.size(); d++) {
			for (Map.Entry<String, GroupWindows> entry : this.segments.get(d).sorted()) {
				if (countable(entry.getValue())) {
					plan.segment(d, entry.getKey(), (WindowSketch) entry.getValue());
				}
			}
		}
		for (Map.Entry<String, FeatureGather> entry : this.features.sorted()) {
			if (countable(entry.getValue().numbers)) {
				plan.feature(entry.getKey(), (WindowSketch) entry.getValue().numbers);
			}
		}
	}

	/**
	 * Whether a group waits for a counting pass: only a sketch does (a spilled group
	 * never needs one). A group without a baseline has no bins to count: it is skipped as
	 * too small.
	 */
	private static boolean countable(GroupWindows group) {
		return group != null && group.needsCounting() && group.baselineCount() > 0;
	}

	/**
	 * Every group with values to bin, for a scan to bin them on its threads before
	 * {@link #toSignals} reads them.
	 */
	void groups(List<GroupWindows> into) {
		if (this.predictions != null) {
			into.add(this.predictions);
		}
		for (BoundedNames<GroupWindows> dimension : this.segments) {
			dimension.sorted().forEach((entry) -> into.add(entry.getValue()));
		}
		for (Map.Entry<String, FeatureGather> entry : this.features.sorted()) {
			if (entry.getValue().numbers != null) {
				into.add(entry.getValue().numbers);
			}
		}
	}

	/** The bins of a group from its own exact values; only counts without a baseline. */
	private static BinnedWindows binned(GroupWindows sketch, int bins) {
		if (sketch.baselineCount() == 0) {
			return new BinnedWindows(new double[0], new long[] { 0 }, new long[] { sketch.currentCount() }, 0,
					sketch.currentCount(), new double[0], new double[0]);
		}
		return sketch.binned(bins);
	}

	/**
	 * What the model's signals came to: every sketch binned, from its own exact values or
	 * from the counts of later passes.
	 */
	ModelSignals toSignals(SignalPlan.ModelPlan counted) {
		int bins = this.signals.bins();
		TreeMap<String, BinnedWindows> segments = new TreeMap<>();
		for (int d = 0; d < this.segments.size(); d++) {
			String dimension = this.signals.dimensions().get(d);
			for (Map.Entry<String, GroupWindows> entry : this.segments.get(d).sorted()) {
				BinnedWindows binned = (counted != null) ? counted.segmentResult(d, entry.getKey()) : null;
				segments.put(dimension + "=" + entry.getKey(),
						(binned != null) ? binned : binned(entry.getValue(), bins));
			}
		}
		Map<String, FeatureWindows> features = new LinkedHashMap<>();
		for (Map.Entry<String, FeatureGather> entry : this.features.sorted()) {
			FeatureGather feature = entry.getValue();
			BinnedWindows numbers = null;
			if (feature.numbers != null) {
				BinnedWindows binned = (counted != null) ? counted.featureResult(entry.getKey()) : null;
				numbers = (binned != null) ? binned : binned(feature.numbers, bins);
			}
			features.put(entry.getKey(), new FeatureWindows(numbers, feature.categories, feature.unusable));
		}
		BinnedWindows predictions = null;
		if (this.predictions != null) {
			BinnedWindows binned = (counted != null) ? counted.predictionsResult() : null;
			predictions = (binned != null) ? binned : binned(this.predictions, bins);
		}
		return new ModelSignals(segments, features, this.ignoredSegmentValues, this.features.ignoredCount(),
				predictions);
	}

	/** The values of one feature, by kind. */
	static final class FeatureGather implements Serializable {

		GroupWindows numbers;

		CategoryCounts categories;

		long unusable;

		void add(byte kind, double number, String category, boolean inBaseline, boolean inCurrent,
				SignalGatherer model) {
			if (kind == RecordDetails.NUMBER) {
				if (this.numbers == null) {
					this.numbers = model.newGroup();
				}
				if (inBaseline) {
					this.numbers.addBaseline(number);
				}
				if (inCurrent) {
					this.numbers.addCurrent(number);
				}
			}
			else if (kind == RecordDetails.CATEGORY && category.length() <= ScanSignals.MAX_NAME_LENGTH) {
				if (this.categories == null) {
					this.categories = new CategoryCounts();
				}
				if (inBaseline) {
					this.categories.addBaseline(category);
				}
				if (inCurrent) {
					this.categories.addCurrent(category);
				}
			}
			else {
				this.unusable++;
			}
		}

		void merge(FeatureGather later, SignalGatherer model) {
			if (later.numbers != null) {
				if (this.numbers == null) {
					this.numbers = model.newGroup();
				}
				this.numbers.merge(later.numbers);
			}
			if (later.categories != null) {
				if (this.categories == null) {
					this.categories = new CategoryCounts();
				}
				this.categories.merge(later.categories);
			}
			this.unusable += later.unusable;
		}

	}

}
