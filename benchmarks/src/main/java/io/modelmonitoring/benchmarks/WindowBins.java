package io.modelmonitoring.benchmarks;

import java.util.List;

/**
 * One model's bins as DuckDB computed them: the edges, and per bin the baseline's and the
 * current window's counts (bin i holds the values with i edges strictly below them).
 */
record WindowBins(List<Double> edges, long[] baseline, long[] current) {

	long baselineCount() {
		return sum(this.baseline);
	}

	long currentCount() {
		return sum(this.current);
	}

	/**
	 * PSI by SPEC §6 from these counts: K = edges + 1 bins, shares p_i = (count_i + α) /
	 * (total + α·K), PSI = Σ (pc_i − pb_i) · ln(pc_i / pb_i).
	 */
	double psi(double smoothing) {
		int k = this.edges.size() + 1;
		double baselineTotal = baselineCount() + smoothing * k;
		double currentTotal = currentCount() + smoothing * k;
		double psi = 0;
		for (int i = 0; i < k; i++) {
			double pb = (this.baseline[i] + smoothing) / baselineTotal;
			double pc = (this.current[i] + smoothing) / currentTotal;
			psi += (pc - pb) * Math.log(pc / pb);
		}
		return psi;
	}

	private static long sum(long[] counts) {
		long total = 0;
		for (long count : counts) {
			total += count;
		}
		return total;
	}

}
