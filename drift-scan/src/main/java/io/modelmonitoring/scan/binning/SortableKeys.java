package io.modelmonitoring.scan.binning;

/**
 * Doubles as longs whose signed order is {@link Double#compare}'s (the order
 * {@link java.util.Arrays#sort(double[])} gives, −0.0 before 0.0), so that ranks and
 * value ranges are plain integer comparisons.
 */
final class SortableKeys {

	/** The key of −0.0; 0.0's is 0. A bucket boundary never falls between the two. */
	static final long NEGATIVE_ZERO = -1;

	private SortableKeys() {
	}

	static long of(double value) {
		long bits = Double.doubleToRawLongBits(value);
		return bits ^ ((bits >> 63) & Long.MAX_VALUE);
	}

	static double value(long key) {
		return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
	}

	/**
	 * The key K of an edge e such that the values v with {@code v <= e} (so not in a bin
	 * above e) are exactly those with key at most K: an edge at −0.0 also has 0.0 at or
	 * below it.
	 */
	static long ofEdge(double edge) {
		return (edge == 0) ? 0 : of(edge);
	}

}
