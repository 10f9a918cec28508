package io.modelmonitoring.scan.binning;

import java.io.Serializable;

/**
 * What PSI and its p-value need of two windows, however they were gathered: the §6 bin
 * edges of the baseline, both windows' exact counts per bin, and samples for the
 * permutation test. The arrays are shared, not copied: treat them as read-only.
 *
 * @param edges the bin edges, ascending, exactly as {@link QuantileEdges#of} gives them
 * for the full baseline
 * @param baselineCounts the baseline values per bin, edges.length + 1 of them
 * @param currentCounts the current values per bin
 * @param baselineCount n, the number of baseline values
 * @param currentCount m, the number of current values
 * @param baselineSample sorted ascending: every baseline value when the window holds at
 * most {@link WindowSketch#EXACT_VALUES}, else a uniform random subsample of that size
 * (deterministic: the same values in the same order and merge tree give the same one); an
 * in-process scan leaves both samples empty where the p-value does not read them
 * ({@code DriftPValue.readsSamples}: both windows of 1,000 values or more)
 * @param currentSample the same for the current window
 */
public record BinnedWindows(double[] edges, long[] baselineCounts, long[] currentCounts, long baselineCount,
		long currentCount, double[] baselineSample, double[] currentSample) implements Serializable {

	public BinnedWindows {
		if (baselineCounts.length != edges.length + 1 || currentCounts.length != edges.length + 1) {
			throw new IllegalArgumentException("Bin counts need one bin more than the " + edges.length + " edges");
		}
	}

	/** Both windows held in full: the samples are the windows themselves. */
	public boolean exact() {
		return this.baselineSample.length == this.baselineCount && this.currentSample.length == this.currentCount;
	}

}
