package io.modelmonitoring.mlservice.drift;

import java.util.Arrays;

import org.apache.commons.math3.special.Gamma;

/**
 * The population stability index of a current sample against a baseline, computed exactly
 * as the contract specifies: quantile bin edges from the baseline, additive smoothing,
 * and the sampling noise floor and p-value that tell real drift from chance. Pure: no
 * Spring, no I/O.
 */
public final class Psi {

	private Psi() {
	}

	/**
	 * @param baseline the baseline predictions (not modified)
	 * @param current the current predictions
	 * @param bins the number of quantile bins to aim for (at least 2); ties in the
	 * baseline can leave fewer
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
		double[] edges = edges(baseline, bins);
		int binCount = edges.length + 1;
		long[] baselineCounts = counts(baseline, edges);
		long[] currentCounts = counts(current, edges);
		double psi = 0;
		for (int i = 0; i < binCount; i++) {
			double pb = share(baselineCounts[i], baseline.length, smoothing, binCount);
			double pc = share(currentCounts[i], current.length, smoothing, binCount);
			psi += (pc - pb) * Math.log(pc / pb);
		}
		int n = baseline.length;
		int m = current.length;
		int degreesOfFreedom = binCount - 1;
		double noiseFloor = degreesOfFreedom * (1.0 / n + 1.0 / m);
		double statistic = psi * ((double) n * m / ((double) n + m));
		double pValue = Gamma.regularizedGammaQ(degreesOfFreedom / 2.0, statistic / 2.0);
		return new PsiResult(psi, pValue, noiseFloor, binCount, n, m);
	}

	/**
	 * The baseline quantiles at k/bins, k = 1 … bins−1, by linear interpolation between
	 * order statistics as numpy.quantile does by default, with duplicates removed.
	 */
	static double[] edges(double[] baseline, int bins) {
		double[] sorted = baseline.clone();
		Arrays.sort(sorted);
		double[] edges = new double[bins - 1];
		int distinct = 0;
		for (int k = 1; k < bins; k++) {
			double edge = quantile(sorted, (double) k / bins);
			if (distinct == 0 || edge != edges[distinct - 1]) {
				edges[distinct++] = edge;
			}
		}
		return Arrays.copyOf(edges, distinct);
	}

	/**
	 * numpy's "linear" method, including its two-sided lerp, so edges match it to the
	 * bit.
	 */
	static double quantile(double[] sorted, double q) {
		double virtualIndex = (sorted.length - 1) * q;
		int below = (int) Math.floor(virtualIndex);
		int above = Math.min(below + 1, sorted.length - 1);
		double gamma = virtualIndex - below;
		double a = sorted[below];
		double b = sorted[above];
		double difference = b - a;
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

}
