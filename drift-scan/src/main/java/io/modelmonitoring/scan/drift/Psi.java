package io.modelmonitoring.scan.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.modelmonitoring.scan.binning.BinnedWindows;
import io.modelmonitoring.scan.binning.QuantileEdges;

/**
 * The population stability index of a current sample against a baseline, computed exactly
 * as the contract specifies: quantile bin edges from the baseline (with a bin of its own
 * for every point mass), additive smoothing, the sampling noise floor, and the p-value of
 * {@link DriftPValue}. Pure: no Spring, no I/O.
 */
public final class Psi {

	private Psi() {
	}

	/**
	 * @param baseline the baseline predictions, finite (not modified)
	 * @param current the current predictions (not modified)
	 * @param bins the number of quantile bins to aim for (at least 2); ties in the
	 * baseline can leave fewer, point masses one more each
	 * @param smoothing the additive smoothing, greater than zero
	 */
	public static PsiResult compute(double[] baseline, double[] current, int bins, double smoothing) {
		check(baseline.length, current.length, bins, smoothing);
		double[] edges = edges(baseline, bins);
		return result(edges, counts(baseline, edges), counts(current, edges), baseline.length, current.length, bins,
				smoothing, (psi, binCount) -> DriftPValue.of(baseline, current, psi, binCount, bins, smoothing));
	}

	/**
	 * The same comparison from windows binned elsewhere (see
	 * {@link io.modelmonitoring.scan.binning.WindowSketch}): to the bit what
	 * {@link #compute(double[], double[], int, double)} gives on the full windows when
	 * both are held whole; for larger windows the same PSI, edges, histogram and noise
	 * floor, and a p-value from the exact counts (χ² tail) or, when a window is small,
	 * from the permutation test on the other's sample.
	 * @param windows the bins of both windows, from the same number of bins
	 * @param bins the number of quantile bins the edges were computed for
	 * @param smoothing the additive smoothing, greater than zero
	 */
	public static PsiResult compute(BinnedWindows windows, int bins, double smoothing) {
		check(windows.baselineCount(), windows.currentCount(), bins, smoothing);
		return result(windows.edges(), windows.baselineCounts(), windows.currentCounts(),
				Math.toIntExact(windows.baselineCount()), Math.toIntExact(windows.currentCount()), bins, smoothing,
				(psi, binCount) -> DriftPValue.of(windows, psi, binCount, bins, smoothing));
	}

	private static void check(long n, long m, int bins, double smoothing) {
		if (n == 0 || m == 0) {
			throw new IllegalArgumentException("PSI needs at least one value in each sample");
		}
		if (bins < 2) {
			throw new IllegalArgumentException("PSI needs at least 2 bins, got " + bins);
		}
		if (!(smoothing > 0) || Double.isInfinite(smoothing)) {
			throw new IllegalArgumentException("PSI smoothing must be a positive number, got " + smoothing);
		}
	}

	/** The p-value of a PSI over K bins, however the windows are held. */
	private interface PValue {

		double of(double psi, int binCount);

	}

	/** Steps 3 to 6 of §6, from the edges and both windows' bin counts. */
	private static PsiResult result(double[] edges, long[] baselineCounts, long[] currentCounts, int n, int m, int bins,
			double smoothing, PValue pValue) {
		double psi = value(baselineCounts, currentCounts, n, m, smoothing);
		int binCount = edges.length + 1;
		double noiseFloor = (binCount - 1) * (1.0 / n + 1.0 / m);
		return new PsiResult(psi, pValue.of(psi, binCount), noiseFloor, Arrays.stream(edges).boxed().toList(),
				histogram(edges, baselineCounts, currentCounts, n, m, smoothing), n, m);
	}

	private static List<PsiBin> histogram(double[] edges, long[] baselineCounts, long[] currentCounts, int n, int m,
			double smoothing) {
		int binCount = baselineCounts.length;
		List<PsiBin> bins = new ArrayList<>(binCount);
		for (int i = 0; i < binCount; i++) {
			double pb = share(baselineCounts[i], n, smoothing, binCount);
			double pc = share(currentCounts[i], m, smoothing, binCount);
			bins.add(new PsiBin((i > 0) ? edges[i - 1] : null, (i < edges.length) ? edges[i] : null, baselineCounts[i],
					currentCounts[i], (double) baselineCounts[i] / n, (double) currentCounts[i] / m, term(pb, pc)));
		}
		return bins;
	}

	/**
	 * The bin edges of a baseline, in any order; see {@link QuantileEdges#of}. By
	 * selection: the few order statistics the edges read cost far less than a sort.
	 */
	static double[] edges(double[] baseline, int bins) {
		return QuantileEdges.ofUnsorted(baseline, bins);
	}

	/** The bin edges of a sorted baseline; see {@link QuantileEdges#of}. */
	static double[] edgesOfSorted(double[] sortedBaseline, int bins) {
		return QuantileEdges.ofSorted(sortedBaseline, bins);
	}

	/** numpy.quantile's default ("linear") on a sorted array, as the edges use it. */
	static double quantile(double[] sorted, double q) {
		return QuantileEdges.quantile(sorted.length, q, (rank) -> sorted[(int) rank]);
	}

	/** Bin i holds the values with exactly i edges strictly below them. */
	static long[] counts(double[] values, double[] edges) {
		return QuantileEdges.counts(values, edges);
	}

	/**
	 * Σ (pc − pb) · ln(pc / pb) over the smoothed shares of the two samples' bin counts.
	 */
	static double value(long[] baselineCounts, long[] currentCounts, int n, int m, double smoothing) {
		int binCount = baselineCounts.length;
		double psi = 0;
		for (int i = 0; i < binCount; i++) {
			double pb = share(baselineCounts[i], n, smoothing, binCount);
			double pc = share(currentCounts[i], m, smoothing, binCount);
			psi += term(pb, pc);
		}
		return psi;
	}

	static double term(double pb, double pc) {
		return (pc - pb) * Math.log(pc / pb);
	}

	static double share(long count, int total, double smoothing, int binCount) {
		return (count + smoothing) / (total + smoothing * binCount);
	}

	static double[] sorted(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted;
	}

}
