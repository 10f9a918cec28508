package io.modelmonitoring.scan.drift;

/**
 * One bin of a PSI comparison: the values v with {@code lower < v ≤ upper}, as the
 * contract places a value in the bin of the number of edges strictly below it.
 *
 * @param lower the edge below the bin, null for the first bin (no lower bound)
 * @param upper the edge above the bin, null for the last bin (no upper bound)
 * @param baselineCount the baseline values in the bin
 * @param currentCount the current values in the bin
 * @param baselineShare baselineCount / n, unsmoothed: what a reader compares
 * @param currentShare currentCount / m, unsmoothed
 * @param contribution the bin's term of PSI, (pc − pb)·ln(pc / pb) on the smoothed
 * shares; the terms of all bins add up to PSI
 */
public record PsiBin(Double lower, Double upper, long baselineCount, long currentCount, double baselineShare,
		double currentShare, double contribution) {
}
