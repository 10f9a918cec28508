package io.modelmonitoring.scan.lake;

import java.io.Serializable;
import java.util.List;

import io.modelmonitoring.scan.model.ModelSignals;

/**
 * What a scan gathers besides each model's predictions: the predictions per segment value
 * of the given dimensions, and the values of the input features.
 *
 * @param dimensions the segment dimensions: a record's value for one is its top-level
 * string field of that name, else the field of that name in its {@code segment} object
 * @param maxSegmentValues the most values of one dimension kept per model: the first by
 * name; records of the others are ignored (and counted)
 * @param features whether the record's {@code features} object is read
 * @param maxFeatures the most features kept per model: the first by name; the rest are
 * ignored (and counted)
 * @param bins the quantile bins of a numeric PSI, for the exact bins of the groups a
 * second pass counts
 * @param sketchPredictions whether each model's whole-window predictions are gathered
 * like a segment's, in a bounded sketch and counting passes, instead of kept whole: what
 * a scan spread over machines needs, where no one heap holds every prediction. The bins
 * come out the same; the result's predictions are then in
 * {@link ModelSignals#predictions()} and its {@code WindowSamples} stay empty.
 */
public record ScanSignals(List<String> dimensions, int maxSegmentValues, boolean features, int maxFeatures, int bins,
		boolean sketchPredictions) implements Serializable {

	/** The predictions of each model only. */
	public static final ScanSignals NONE = new ScanSignals(List.of(), 0, false, 0, 2);

	/** Longer segment values and feature names are ignored (and counted). */
	public static final int MAX_NAME_LENGTH = 128;

	public ScanSignals {
		dimensions = List.copyOf(dimensions);
	}

	/** Predictions kept whole, as an in-process scan keeps them. */
	public ScanSignals(List<String> dimensions, int maxSegmentValues, boolean features, int maxFeatures, int bins) {
		this(dimensions, maxSegmentValues, features, maxFeatures, bins, false);
	}

	/** The same signals with the predictions sketched (see {@code sketchPredictions}). */
	public ScanSignals withSketchedPredictions() {
		return new ScanSignals(this.dimensions, this.maxSegmentValues, this.features, this.maxFeatures, this.bins,
				true);
	}

	boolean any() {
		return !this.dimensions.isEmpty() || this.features || this.sketchPredictions;
	}

}
