package io.modelmonitoring.scan.model;

import java.util.Map;
import java.util.SortedMap;

import io.modelmonitoring.scan.binning.BinnedWindows;

/**
 * What a scan gathered of one model besides its predictions: the predictions of each
 * segment value, and the values of each input feature.
 *
 * @param segments per segment, as {@code dimension=value}, its predictions binned; sorted
 * @param features per feature name, in the order first seen
 * @param ignoredSegmentValues records whose value of a dimension was over the length
 * limit or beyond the most values kept per dimension
 * @param ignoredFeatures feature names beyond the most kept per model (at most the number
 * the scan keeps track of, {@link #IGNORED_NAMES_TRACKED})
 * @param predictions the model's predictions binned, when the scan sketched them instead
 * of keeping them whole (a scan spread over machines); null otherwise
 */
public record ModelSignals(SortedMap<String, BinnedWindows> segments, Map<String, FeatureWindows> features,
		long ignoredSegmentValues, int ignoredFeatures, BinnedWindows predictions) {

	/** Ignored feature names are counted up to this many distinct ones. */
	public static final int IGNORED_NAMES_TRACKED = 1000;

	/** The signals of a scan that kept the predictions whole. */
	public ModelSignals(SortedMap<String, BinnedWindows> segments, Map<String, FeatureWindows> features,
			long ignoredSegmentValues, int ignoredFeatures) {
		this(segments, features, ignoredSegmentValues, ignoredFeatures, null);
	}

}
