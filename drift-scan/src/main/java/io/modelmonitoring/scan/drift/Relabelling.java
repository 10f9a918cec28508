package io.modelmonitoring.scan.drift;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The pooled values of two windows, sorted once, with a label per value saying which
 * window it is counted in. A permutation round shuffles the labels and reads both
 * statistics in linear passes over the pooled values, with no sort: PSI exactly as
 * {@link Psi#compute} computes it (same edges, same counts, same sum, so the observed
 * round matches it to the bit), and the Anderson–Darling statistic.
 */
final class Relabelling {

	private final double[] values;

	/** {@code true}: the value is counted in the baseline. */
	private final boolean[] inBaseline;

	/** Where each run of equal values starts, and one past the last value. */
	private final int[] groupStarts;

	/**
	 * Per run of equal values: the pooled midrank, and the weight of its squared gaps.
	 */
	private final double[] pooledMidranks;

	private final double[] gapWeights;

	private final int baselineCount;

	private final int bins;

	private final double smoothing;

	private final double[] baselineScratch;

	/** A permutation of the positions whose first entries are the smaller window's. */
	private final int[] positions;

	Relabelling(double[] sortedBaseline, double[] sortedCurrent, int bins, double smoothing) {
		int n = sortedBaseline.length;
		int m = sortedCurrent.length;
		this.values = new double[n + m];
		this.inBaseline = new boolean[n + m];
		int i = 0;
		int j = 0;
		for (int k = 0; k < n + m; k++) {
			if (j == m || (i < n && sortedBaseline[i] <= sortedCurrent[j])) {
				this.values[k] = sortedBaseline[i++];
				this.inBaseline[k] = true;
			}
			else {
				this.values[k] = sortedCurrent[j++];
			}
		}
		this.groupStarts = groupStarts(this.values);
		int groups = this.groupStarts.length - 1;
		this.pooledMidranks = new double[groups];
		this.gapWeights = new double[groups];
		double total = n + m;
		for (int g = 0; g < groups; g++) {
			int tied = this.groupStarts[g + 1] - this.groupStarts[g];
			double midrank = this.groupStarts[g] + tied / 2.0;
			double denominator = midrank * (total - midrank) - total * tied / 4.0;
			this.pooledMidranks[g] = midrank;
			// Only a single run of equal values (every value the same) has no positive
			// denominator.
			this.gapWeights[g] = (denominator > 0) ? tied / total / denominator : 0;
		}
		this.baselineCount = n;
		this.bins = bins;
		this.smoothing = smoothing;
		this.baselineScratch = new double[n];
		this.positions = new int[n + m];
		for (int k = 0; k < n + m; k++) {
			this.positions[k] = k;
		}
	}

	/**
	 * A uniformly random relabelling that keeps the window sizes: a partial Fisher–Yates
	 * shuffle draws the smaller window's positions, so a round costs random numbers for
	 * the smaller window only.
	 */
	void shuffle(SplittableRandom random) {
		int total = this.values.length;
		boolean smallerIsBaseline = this.baselineCount <= total - this.baselineCount;
		int smaller = smallerIsBaseline ? this.baselineCount : total - this.baselineCount;
		int[] positions = this.positions;
		for (int k = 0; k < smaller; k++) {
			int other = k + random.nextInt(total - k);
			int swap = positions[k];
			positions[k] = positions[other];
			positions[other] = swap;
		}
		Arrays.fill(this.inBaseline, !smallerIsBaseline);
		for (int k = 0; k < smaller; k++) {
			this.inBaseline[positions[k]] = smallerIsBaseline;
		}
	}

	double psi() {
		int filled = 0;
		for (int k = 0; k < this.values.length; k++) {
			if (this.inBaseline[k]) {
				this.baselineScratch[filled++] = this.values[k];
			}
		}
		double[] edges = Psi.edgesOfSorted(this.baselineScratch, this.bins);
		long[] baselineCounts = new long[edges.length + 1];
		long[] currentCounts = new long[edges.length + 1];
		int bin = 0;
		for (int k = 0; k < this.values.length; k++) {
			double value = this.values[k];
			while (bin < edges.length && edges[bin] < value) {
				bin++;
			}
			if (this.inBaseline[k]) {
				baselineCounts[bin]++;
			}
			else {
				currentCounts[bin]++;
			}
		}
		return Psi.value(baselineCounts, currentCounts, this.baselineCount, this.values.length - this.baselineCount,
				this.smoothing);
	}

	/**
	 * The two-sample Anderson–Darling statistic in Scholz and Stephens' midrank form for
	 * tied values (their A²akN, as scipy.stats.anderson_ksamp computes it before it
	 * standardises).
	 */
	double andersonDarling() {
		double total = this.values.length;
		int n = this.baselineCount;
		int m = this.values.length - n;
		double baselineSum = 0;
		double currentSum = 0;
		int baselineBefore = 0;
		for (int g = 0; g < this.gapWeights.length; g++) {
			int start = this.groupStarts[g];
			int end = this.groupStarts[g + 1];
			int baselineTied = 0;
			for (int k = start; k < end; k++) {
				if (this.inBaseline[k]) {
					baselineTied++;
				}
			}
			double pooledMidrank = this.pooledMidranks[g];
			double baselineMidrank = baselineBefore + baselineTied / 2.0;
			double currentMidrank = (start - baselineBefore) + (end - start - baselineTied) / 2.0;
			double baselineGap = total * baselineMidrank - n * pooledMidrank;
			double currentGap = total * currentMidrank - m * pooledMidrank;
			baselineSum += this.gapWeights[g] * baselineGap * baselineGap;
			currentSum += this.gapWeights[g] * currentGap * currentGap;
			baselineBefore += baselineTied;
		}
		return (total - 1) / total * (baselineSum / n + currentSum / m);
	}

	private static int[] groupStarts(double[] sorted) {
		int[] starts = new int[sorted.length + 1];
		int groups = 0;
		for (int k = 0; k < sorted.length; k++) {
			if (k == 0 || sorted[k] != sorted[k - 1]) {
				starts[groups++] = k;
			}
		}
		starts[groups++] = sorted.length;
		return Arrays.copyOf(starts, groups);
	}

}
