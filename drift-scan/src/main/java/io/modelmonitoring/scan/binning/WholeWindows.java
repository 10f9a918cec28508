package io.modelmonitoring.scan.binning;

import java.util.Arrays;

/**
 * The PSI inputs of two windows whose every value is at hand, in the order the scan met
 * them: the §6 edges from the baseline's order statistics (found by selection, without a
 * sort), both windows' counts, and, where the p-value reads them, their samples, drawn by
 * the same reservoir a {@link WindowSketch} keeps, so that a group comes out to the bit
 * as a sketch that saw the same values in the same order would give it. Pure: no I/O.
 */
public final class WholeWindows {

	private static final double[] NONE = new double[0];

	private WholeWindows() {
	}

	/**
	 * @param baseline the baseline's values, at least one, in scan order (not modified)
	 * @param current the current window's values, in scan order (not modified)
	 * @param bins the quantile bins to aim for (at least 2)
	 * @param samples whether the result keeps samples; else they are empty (the χ² tail
	 * of large windows reads only the counts, and drawing a reservoir costs a random
	 * number a value)
	 */
	public static BinnedWindows binned(double[] baseline, double[] current, int bins, boolean samples) {
		if (bins < 2) {
			throw new IllegalArgumentException("PSI needs at least 2 bins, got " + bins);
		}
		if (baseline.length == 0) {
			throw new IllegalStateException("PSI bins need at least one baseline value");
		}
		double[] edges = QuantileEdges.ofUnsorted(baseline, bins);
		return new BinnedWindows(edges, QuantileEdges.counts(baseline, edges), QuantileEdges.counts(current, edges),
				baseline.length, current.length, samples ? sample(baseline) : NONE, samples ? sample(current) : NONE);
	}

	/** Every value while they fit, else the reservoir's uniform sample; sorted. */
	private static double[] sample(double[] values) {
		if (values.length <= WindowSketch.EXACT_VALUES) {
			double[] sorted = values.clone();
			Arrays.sort(sorted);
			return sorted;
		}
		ValueSample sample = new ValueSample(WindowSketch.EXACT_VALUES);
		for (double value : values) {
			sample.add(value);
		}
		return sample.sorted();
	}

}
