package io.modelmonitoring.scan.drift;

import io.modelmonitoring.scan.binning.BinnedWindows;
import org.apache.commons.math3.special.Gamma;

/**
 * The p-value of a drift comparison: the chance, were both windows drawn from one
 * distribution, of windows at least this different.
 * <p>
 * While either window is small the χ² tail of PSI is far too conservative (smoothing
 * pulls small samples toward each other) and PSI itself has little power against a shift,
 * so the p-value comes from a {@link PermutationTest} of PSI and the Anderson–Darling
 * statistic together: exact in level at any size and for ties alike. Once both windows
 * hold {@value #ASYMPTOTIC_MIN_SAMPLES} predictions or more, the χ² tail of PSI·n·m/(n+m)
 * with K−1 degrees of freedom is calibrated and costs nothing. Pure: no Spring, no I/O.
 */
public final class DriftPValue {

	/** Both windows at least this large: the χ² tail of PSI is used. */
	public static final int ASYMPTOTIC_MIN_SAMPLES = 1000;

	/** The smallest p-value the permutation test gives: one in its 10,000 rounds. */
	public static final double SMALLEST_PERMUTATION_P_VALUE = 1.0 / (PermutationTest.MAX_ROUNDS + 1);

	private DriftPValue() {
	}

	/**
	 * @param baseline the baseline window, in any order (not modified)
	 * @param current the current window, in any order (not modified)
	 * @param psi the PSI of the two windows
	 * @param binCount K, the number of bins that PSI used
	 * @param bins the number of quantile bins asked for
	 * @param smoothing the additive smoothing of bin shares
	 */
	static double of(double[] baseline, double[] current, double psi, int binCount, int bins, double smoothing) {
		int n = baseline.length;
		int m = current.length;
		if (asymptotic(n, m)) {
			return chiSquareTail(psi, binCount, n, m);
		}
		// Sorted only here: the χ² tail needs no order, and large windows take it.
		return PermutationTest.pValue(Psi.sorted(baseline), Psi.sorted(current), bins, smoothing);
	}

	/**
	 * The same from binned windows: the χ² tail from the exact sizes, or the permutation
	 * test on the samples (the small window is always held whole then).
	 */
	static double of(BinnedWindows windows, double psi, int binCount, int bins, double smoothing) {
		long n = windows.baselineCount();
		long m = windows.currentCount();
		if (asymptotic(n, m)) {
			return chiSquareTail(psi, binCount, n, m);
		}
		return PermutationTest.pValue(windows.baselineSample(), windows.currentSample(), bins, smoothing);
	}

	/**
	 * Whether the p-value of windows of these sizes reads their samples (the permutation
	 * test), or only their counts (the χ² tail): a result that travels keeps the samples
	 * only where they are read.
	 */
	public static boolean readsSamples(long n, long m) {
		return !asymptotic(n, m);
	}

	private static boolean asymptotic(long n, long m) {
		return Math.min(n, m) >= ASYMPTOTIC_MIN_SAMPLES;
	}

	static double chiSquareTail(double psi, int binCount, long n, long m) {
		double statistic = psi * ((double) n * m / ((double) n + m));
		return Gamma.regularizedGammaQ((binCount - 1) / 2.0, statistic / 2.0);
	}

}
