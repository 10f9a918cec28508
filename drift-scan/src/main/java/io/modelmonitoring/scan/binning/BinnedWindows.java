package io.modelmonitoring.scan.binning;

import java.util.Arrays;

/** TEMPORARY stand-in, replaced by the bounded implementation. */
public record BinnedWindows(double[] edges, long[] baselineCounts, long[] currentCounts, long baselineCount,
		long currentCount, double[] baselineSample, double[] currentSample) {

	static BinnedWindows exact(double[] baseline, double[] current, int bins) {
		double[] b = baseline.clone();
		double[] c = current.clone();
		Arrays.sort(b);
		Arrays.sort(c);
		return new BinnedWindows(new double[0], new long[1], new long[1], b.length, c.length, b, c);
	}

}
