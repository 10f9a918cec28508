package io.modelmonitoring.scan.lake;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.modelmonitoring.scan.binning.BinnedWindows;
import io.modelmonitoring.scan.binning.WindowSketch;
import io.modelmonitoring.scan.drift.CategoryCounts;
import io.modelmonitoring.scan.model.FeatureWindows;
import io.modelmonitoring.scan.model.ModelSignals;

/**
 * The first pass over one model's segments and features: per segment value its
 * predictions, per feature its numbers and categories, each in a {@link WindowSketch} or
 * {@link CategoryCounts} whose memory stays bounded however many records come. Per
 * dimension the first {@code maxSegmentValues} values by name are kept, and the first
 * {@code maxFeatures} feature names (see {@link BoundedNames}).
 */
final class SignalGatherer implements Serializable {

	private final ScanSignals signals;

	private final List<BoundedNames<WindowSketch>> segments;

	private final BoundedNames<FeatureGather> features;

	/** The whole model's predictions, when the scan sketches them; else null. */
	private final WindowSketch predictions;

	private long ignoredSegmentValues;

	// The feature of each slot of the previous record: records of one model list their
	// features in one order, so a lookup is most often a reference comparison.

	private String[] slotNames = new String[16];

	private FeatureGather[] slotFeatures = new FeatureGather[16];

	SignalGatherer(ScanSignals signals) {
		this.signals = signals;
		this.segments = new ArrayList<>(signals.dimensions().size());
		for (int d = 0; d < signals.dimensions().size(); d++) {
			this.segments.add(new BoundedNames<>(signals.maxSegmentValues(), ModelSignals.IGNORED_NAMES_TRACKED));
		}
		this.features = new BoundedNames<>(signals.maxFeatures(), ModelSignals.IGNORED_NAMES_TRACKED);
		this.predictions = signals.sketchPredictions() ? new WindowSketch() : null;
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
			WindowSketch sketch = usable(value)
					? this.segments.get(d).getOrCreate(value, (name) -> new WindowSketch(), this::evictedSegment)
					: null;
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
				feature.add(details.kinds[k], details.numbers[k], details.categories[k], inBaseline, inCurrent);
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

	private void evictedSegment(WindowSketch sketch) {
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
			BoundedNames<WindowSketch> mine = this.segments.get(d);
			for (Map.Entry<String, WindowSketch> entry : later.segments.get(d).sorted()) {
				WindowSketch sketch = mine.getOrCreate(entry.getKey(), (name) -> new WindowSketch(),
						this::evictedSegment);
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
				feature.merge(entry.getValue());
			}
		}
		this.features.ignoreAll(later.features);
		forgetSlots();
	}

	/**
	 * The sketches whose windows outgrew their exact values: a second pass counts them.
	 */
	void needsCounting(SignalPlan.ModelPlan plan) {
		if (this.predictions != null && countable(this.predictions)) {
			plan.predictions(this.predictions);
		}
		for (int d = 0; d < this.segments.size(); d++) {
			for (Map.Entry<String, WindowSketch> entry : this.segments.get(d).sorted()) {
				if (countable(entry.getValue())) {
					plan.segment(d, entry.getKey(), entry.getValue());
				}
			}
		}
		for (Map.Entry<String, FeatureGather> entry : this.features.sorted()) {
			WindowSketch numbers = entry.getValue().numbers;
			if (numbers != null && countable(numbers)) {
				plan.feature(entry.getKey(), numbers);
			}
		}
	}

	/** A group without a baseline has no bins to count: it is skipped as too small. */
	private static boolean countable(WindowSketch sketch) {
		return sketch.needsCounting() && sketch.baselineCount() > 0;
	}

	/** The bins of a group from its own exact values; only counts without a baseline. */
	private static BinnedWindows binned(WindowSketch sketch, int bins) {
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
			for (Map.Entry<String, WindowSketch> entry : this.segments.get(d).sorted()) {
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

		WindowSketch numbers;

		CategoryCounts categories;

		long unusable;

		void add(byte kind, double number, String category, boolean inBaseline, boolean inCurrent) {
			if (kind == RecordDetails.NUMBER) {
				if (this.numbers == null) {
					this.numbers = new WindowSketch();
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

		void merge(FeatureGather later) {
			if (later.numbers != null) {
				if (this.numbers == null) {
					this.numbers = new WindowSketch();
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
