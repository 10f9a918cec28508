package io.modelmonitoring.scan.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
	 * @param baseline the baseline predictions (not modified)
	 * @param current the current predictions (not modified)
	 * @param bins the number of quantile bins to aim for (at least 2); ties in the
	 * baseline can leave fewer, point masses one more each
	 * @param smoothing the additive smoothing, greater than zero
	 */
	public static PsiResult compute(double[] baseline, double[] current, int bins, double smoothing) {
		if (baseline.length == 0 || current.length == 0) {
			throw new IllegalArgumentException("PSI needs at least one value in each sample");
		}
		if (bins < 2) {
			throw new IllegalArgumentException("PSI needs at least 2 bins, got " + bins);
		}
		if (!(smoothing > 0) || Double.isInfinite(smoothing)) {
			throw new IllegalArgumentException("PSI smoothing must be a positive number, got " + smoothing);
		}
		double[] sortedBaseline = sorted(baseline);
		double[] edges = edgesOfSorted(sortedBaseline, bins);
		long[] baselineCounts = counts(sortedBaseline, edges);
		long[] currentCounts = counts(current, edges);
		double psi = value(baselineCounts, currentCounts, baseline.length, current.length, smoothing);
		int n = baseline.length;
		int m = current.length;
		int binCount = edges.length + 1;
		double noiseFloor = (binCount - 1) * (1.0 / n + 1.0 / m);
		double pValue = DriftPValue.of(sortedBaseline, current, psi, binCount, bins, smoothing);
		return new PsiResult(psi, pValue, noiseFloor, Arrays.stream(edges).boxed().toList(),
				histogram(edges, baselineCounts, currentCounts, n, m, smoothing), n, m);
	}

	/** TEMPORARY: exact values only. */
	public static PsiResult compute(io.modelmonitoring.scan.binning.BinnedWindows windows, int bins, double smoothing) {
		return compute(windows.baselineSample(), windows.currentSample(), bins, smoothing);
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

	/** The bin edges of a baseline, in any order; see {@link #edgesOfSorted}. */
	static double[] edges(double[] baseline, int bins) {
		return edgesOfSorted(sorted(baseline), bins);
	}

	/**
	 * The distinct baseline quantiles at k/bins, k = 1 … bins−1, by linear interpolation
	 * between order statistics as numpy.quantile does by default; and, for every value
	 * two or more quantiles share (a point mass of at least 1/bins of the baseline), the
	 * largest double below it, so that the point mass has a bin of its own and a move to
	 * just below it is seen. Sorted and finite for any finite baseline.
	 */
	static double[] edgesOfSorted(double[] sortedBaseline, int bins) {
		double[] quantiles = new double[bins - 1];
		for (int k = 1; k < bins; k++) {
			double q = quantile(sortedBaseline, (double) k / bins);
			// Rounding may not make an interpolated quantile fall below its predecessor.
			quantiles[k - 1] = (k > 1) ? Math.max(q, quantiles[k - 2]) : q;
		}
		double[] edges = new double[2 * quantiles.length];
		int size = 0;
		for (int k = 0; k < quantiles.length; k++) {
			double q = quantiles[k];
			boolean repeated = k + 1 < quantiles.length && quantiles[k + 1] == q;
			boolean first = k == 0 || quantiles[k - 1] != q;
			if (!first) {
				continue;
			}
			double below = Math.nextDown(q);
			// No finite value lies below the lowest double, so it needs no extra edge.
			if (repeated && below != Double.NEGATIVE_INFINITY && (size == 0 || edges[size - 1] < below)) {
				edges[size++] = below;
			}
			edges[size++] = q;
		}
		return Arrays.copyOf(edges, size);
	}

	/**
	 * numpy's "linear" method, including its two-sided lerp, so edges match it to the
	 * bit; where the two order statistics are so far apart that their difference
	 * overflows (numpy then returns an infinity), a weighted sum that stays between them.
	 */
	static double quantile(double[] sorted, double q) {
		double virtualIndex = (sorted.length - 1) * q;
		int below = (int) Math.floor(virtualIndex);
		int above = Math.min(below + 1, sorted.length - 1);
		double gamma = virtualIndex - below;
		double a = sorted[below];
		double b = sorted[above];
		double difference = b - a;
		if (Double.isInfinite(difference)) {
			return Math.min(b, Math.max(a, a * (1 - gamma) + b * gamma));
		}
		return (gamma >= 0.5) ? b - difference * (1 - gamma) : a + difference * gamma;
	}

	/** Bin i holds the values with exactly i edges strictly below them. */
	static long[] counts(double[] values, double[] edges) {
		long[] counts = new long[edges.length + 1];
		for (double value : values) {
			counts[edgesBelow(edges, value)]++;
		}
		return counts;
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

	private static double term(double pb, double pc) {
		return (pc - pb) * Math.log(pc / pb);
	}

	private static int edgesBelow(double[] edges, double value) {
		int low = 0;
		int high = edges.length;
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (edges[middle] < value) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		return low;
	}

	private static double share(long count, int total, double smoothing, int binCount) {
		return (count + smoothing) / (total + smoothing * binCount);
	}

	static double[] sorted(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted;
	}

}
