package io.modelmonitoring.scan.lake;

import java.util.List;

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
 */
public record ScanSignals(List<String> dimensions, int maxSegmentValues, boolean features, int maxFeatures, int bins) {

	/** The predictions of each model only. */
	public static final ScanSignals NONE = new ScanSignals(List.of(), 0, false, 0, 2);

	/** Longer segment values and feature names are ignored (and counted). */
	public static final int MAX_NAME_LENGTH = 128;

	public ScanSignals {
		dimensions = List.copyOf(dimensions);
	}

	boolean any() {
		return !this.dimensions.isEmpty() || this.features;
	}

}
