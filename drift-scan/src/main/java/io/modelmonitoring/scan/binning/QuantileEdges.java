package io.modelmonitoring.scan.binning;

import java.util.Arrays;
import java.util.function.LongToDoubleFunction;

/**
 * The contract's PSI bins (SPEC §6 steps 1 and 2), written once for every way of
 * gathering a baseline: the edges need only the baseline's size and its values at a few
 * ranks, so a sorted array and a two-pass count run the same arithmetic to the bit.
 */
public final class QuantileEdges {

	/**
	 * Up to this many edges a value's bin is counted edge by edge, without branches: a
	 * binary search's branches are taken at random, one miss in two.
	 */
	private static final int COUNTED_EDGES = 16;

	private QuantileEdges() {
	}

	/**
	 * The distinct baseline quantiles at k/bins, k = 1 … bins−1, by linear interpolation
	 * between order statistics as numpy.quantile does by default; and, for every value
	 * two or more quantiles share (a point mass of at least 1/bins of the baseline), the
	 * largest double below it, so that the point mass has a bin of its own and a move to
	 * just below it is seen. Sorted and finite for any finite baseline.
	 * @param size n, the number of baseline values (at least 1)
	 * @param bins the number of quantile bins to aim for (at least 2)
	 * @param valueAtRank the baseline's order statistic at a 0-based rank; asked only for
	 * the ranks {@link #ranks} names
	 */
	public static double[] of(long size, int bins, LongToDoubleFunction valueAtRank) {
		double[] quantiles = new double[bins - 1];
		for (int k = 1; k < bins; k++) {
			double q = quantile(size, (double) k / bins, valueAtRank);
			// Rounding may not make an interpolated quantile fall below its predecessor.
			quantiles[k - 1] = (k > 1) ? Math.max(q, quantiles[k - 2]) : q;
		}
		double[] edges = new double[2 * quantiles.length];
		int count = 0;
		for (int k = 0; k < quantiles.length; k++) {
			double q = quantiles[k];
			boolean repeated = k + 1 < quantiles.length && quantiles[k + 1] == q;
			boolean first = k == 0 || quantiles[k - 1] != q;
			if (!first) {
				continue;
			}
			double below = Math.nextDown(q);
			// No finite value lies below the lowest double, so it needs no extra edge.
			if (repeated && below != Double.NEGATIVE_INFINITY && (count == 0 || edges[count - 1] < below)) {
				edges[count++] = below;
			}
			edges[count++] = q;
		}
		return Arrays.copyOf(edges, count);
	}

	/** {@link #of} on a baseline sorted ascending. */
	public static double[] ofSorted(double[] sortedBaseline, int bins) {
		return of(sortedBaseline.length, bins, (rank) -> sortedBaseline[(int) rank]);
	}

	/**
	 * {@link #of} on a baseline in any order (not modified): the same edges as
	 * {@link #ofSorted} on the sorted baseline, from its order statistics at
	 * {@link #ranks} found by selection, without sorting it.
	 * @param baseline finite values, at least one
	 */
	public static double[] ofUnsorted(double[] baseline, int bins) {
		long[] ranks = ranks(baseline.length, bins);
		double[] values = OrderStatistics.at(baseline, ranks);
		return of(baseline.length, bins, (rank) -> values[Arrays.binarySearch(ranks, rank)]);
	}

	/**
	 * The 0-based ranks whose order statistics {@link #of} reads, ascending, distinct.
	 */
	public static long[] ranks(long size, int bins) {
		long[] ranks = new long[2 * (bins - 1)];
		for (int k = 1; k < bins; k++) {
			long below = rankBelow(size, (double) k / bins);
			ranks[2 * (k - 1)] = below;
			ranks[2 * (k - 1) + 1] = Math.min(below + 1, size - 1);
		}
		return Arrays.stream(ranks).sorted().distinct().toArray();
	}

	/**
	 * numpy's "linear" method, including its two-sided lerp, so edges match it to the
	 * bit; where the two order statistics are so far apart that their difference
	 * overflows (numpy then returns an infinity), a weighted sum that stays between them.
	 */
	public static double quantile(long size, double q, LongToDoubleFunction valueAtRank) {
		double virtualIndex = (size - 1) * q;
		long below = rankBelow(size, q);
		long above = Math.min(below + 1, size - 1);
		double gamma = virtualIndex - below;
		double a = valueAtRank.applyAsDouble(below);
		double b = valueAtRank.applyAsDouble(above);
		double difference = b - a;
		if (Double.isInfinite(difference)) {
			return Math.min(b, Math.max(a, a * (1 - gamma) + b * gamma));
		}
		return (gamma >= 0.5) ? b - difference * (1 - gamma) : a + difference * gamma;
	}

	private static long rankBelow(long size, double q) {
		return (long) Math.floor((size - 1) * q);
	}

	/** Bin i holds the values with exactly i edges strictly below them. */
	public static int binOf(double[] edges, double value) {
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

	/** How many of the values fall in each bin; see {@link #binOf}. */
	public static long[] counts(double[] values, double[] edges) {
		long[] counts = new long[edges.length + 1];
		if (edges.length > COUNTED_EDGES) {
			for (double value : values) {
				counts[binOf(edges, value)]++;
			}
			return counts;
		}
		for (double value : values) {
			int bin = 0;
			for (double edge : edges) {
				bin += (edge < value) ? 1 : 0;
			}
			counts[bin]++;
		}
		return counts;
	}

}
