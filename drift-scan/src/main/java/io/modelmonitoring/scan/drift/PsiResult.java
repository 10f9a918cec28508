package io.modelmonitoring.scan.drift;

import java.util.List;

/**
 * One PSI comparison, with the bins it was computed from so that a reader can see which
 * ranges moved.
 *
 * @param psi the population stability index
 * @param pValue the chance, were both samples drawn from one distribution, of samples at
 * least this different (see {@link DriftPValue})
 * @param noiseFloor the PSI that sampling alone is expected to produce, (K−1)(1/n + 1/m)
 * @param edges the bin edges, ascending; K − 1 of them
 * @param histogram the K bins, lowest first
 * @param baselineCount n
 * @param currentCount m
 */
public record PsiResult(double psi, double pValue, double noiseFloor, List<Double> edges, List<PsiBin> histogram,
		int baselineCount, int currentCount) {

	public PsiResult {
		edges = List.copyOf(edges);
		histogram = List.copyOf(histogram);
	}

	/** K, the number of bins after duplicate edges were removed. */
	public int bins() {
		return this.histogram.size();
	}

}
