package io.modelmonitoring.contracts;

/**
 * One bin of a drift comparison, as drift events and run answers carry it: the values v
 * with {@code lower < v ≤ upper}.
 *
 * @param lower the edge below the bin; null for the first bin, which has no lower bound
 * @param upper the edge above the bin; null for the last bin, which has no upper bound
 * @param baselineCount the baseline window's values in the bin
 * @param currentCount the current window's values in the bin
 * @param baselineShare baselineCount over the baseline's size, unsmoothed
 * @param currentShare currentCount over the current window's size, unsmoothed
 * @param contribution the bin's term of PSI, on the smoothed shares; the terms of all
 * bins add up to PSI, so the largest ones name the ranges that moved
 * @param category for a feature of categories (whose bins have no edges): the bin's
 * category; null on its last bin, which holds every other category, and on numeric bins
 */
public record HistogramBin(Double lower, Double upper, long baselineCount, long currentCount, double baselineShare,
		double currentShare, double contribution, String category) {

	/** A bin of a numeric comparison. */
	public HistogramBin(Double lower, Double upper, long baselineCount, long currentCount, double baselineShare,
			double currentShare, double contribution) {
		this(lower, upper, baselineCount, currentCount, baselineShare, currentShare, contribution, null);
	}
}
