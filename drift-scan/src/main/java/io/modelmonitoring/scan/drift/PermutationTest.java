package io.modelmonitoring.scan.drift;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A Monte Carlo permutation test of "both windows come from one distribution" on two
 * statistics at once: PSI, which sees any change of shape, and the two-sample
 * Anderson–Darling statistic, which sees a shift with far more power on small windows.
 * Each random relabelling of the pooled values gives both statistics; the test statistic
 * is the smaller of their two permutation p-values, itself ranked among the relabellings.
 * The p-value (1 + exceedances) / (1 + rounds) is exact in level for any number of
 * rounds, continuous or tied values alike. Rounds come in stages (200, 1,000, 10,000): a
 * clearly calm pair stops early, a clearly drifted one gets the resolution the adjustment
 * over many checks needs.
 * <p>
 * Deterministic: the random stream is seeded from the two windows' sorted values, so the
 * same windows give the same p-value in any order and on any machine. A window over the
 * {@value #MAX_VALUES} values the test reads is replaced by a random subsample of it (the
 * other window is small then), which keeps the level exact and the cost bounded.
 */
final class PermutationTest {

	/** The rounds of the second stage. */
	static final int ROUNDS = 999;

	static final int FIRST_ROUNDS = 199;

	/** After the first stage, a p-value at least this large is final. */
	static final double STOP_AT = 0.05;

	/**
	 * The rounds of the third stage, run only when the second stage's p-value is at most
	 * {@link #EXTEND_AT}: a model's checks are gated after a Benjamini–Hochberg
	 * adjustment, which multiplies the smallest p-value by the number of checks, so a
	 * floor of 1/1000 would keep a drift of one segment among 40 checks from ever passing
	 * a gate of 0.01. The cost falls on the checks that look drifted only.
	 */
	static final int MAX_ROUNDS = 9_999;

	static final double EXTEND_AT = 0.01;

	static final int MAX_VALUES = 2000;

	/**
	 * scipy.stats.permutation_test's relative tolerance for a tie with the observed
	 * value.
	 */
	private static final double TIE_TOLERANCE = 100 * Math.ulp(1.0);

	private PermutationTest() {
	}

	static double pValue(double[] sortedBaseline, double[] sortedCurrent, int bins, double smoothing) {
		SplittableRandom random = new SplittableRandom(seed(sortedBaseline, sortedCurrent));
		int n = sortedBaseline.length;
		int m = sortedCurrent.length;
		double[] baseline = sortedBaseline;
		double[] current = sortedCurrent;
		if (n + m > MAX_VALUES) {
			if (n >= m) {
				baseline = subsample(sortedBaseline, Math.max(MAX_VALUES - m, 1), random);
			}
			else {
				current = subsample(sortedCurrent, Math.max(MAX_VALUES - n, 1), random);
			}
		}
		Relabelling relabelling = new Relabelling(baseline, current, bins, smoothing);
		double[] psi = new double[MAX_ROUNDS + 1];
		double[] andersonDarling = new double[MAX_ROUNDS + 1];
		for (int round = 0; round <= MAX_ROUNDS; round++) {
			if (round > 0) {
				relabelling.shuffle(random);
			}
			psi[round] = relabelling.psi();
			andersonDarling[round] = relabelling.andersonDarling();
			if (round == FIRST_ROUNDS || round == ROUNDS) {
				double stage = combinedPValue(Arrays.copyOf(psi, round + 1), Arrays.copyOf(andersonDarling, round + 1));
				if (stage >= STOP_AT || (round == ROUNDS && stage > EXTEND_AT)) {
					return stage;
				}
			}
		}
		return combinedPValue(psi, andersonDarling);
	}

	/**
	 * The share of rounds whose smaller p-value is at most the observed round's (round
	 * 0): a statistic's p-value in a round is counted as the number of rounds at least as
	 * extreme, so that equal p-values compare exactly.
	 */
	static double combinedPValue(double[] first, double[] second) {
		int rounds = first.length;
		int[] atLeastFirst = atLeastAsLarge(first);
		int[] atLeastSecond = atLeastAsLarge(second);
		int observed = Math.min(atLeastFirst[0], atLeastSecond[0]);
		int asExtreme = 0;
		for (int round = 0; round < rounds; round++) {
			if (Math.min(atLeastFirst[round], atLeastSecond[round]) <= observed) {
				asExtreme++;
			}
		}
		return (double) asExtreme / rounds;
	}

	/** For each value, how many of the values are at least as large (itself included). */
	static int[] atLeastAsLarge(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int[] counts = new int[values.length];
		for (int i = 0; i < values.length; i++) {
			double value = values[i];
			double lowest = value - TIE_TOLERANCE * Math.abs(value);
			counts[i] = values.length - firstAtLeast(sorted, lowest);
		}
		return counts;
	}

	private static int firstAtLeast(double[] sorted, double value) {
		int low = 0;
		int high = sorted.length;
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (sorted[middle] < value) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		return low;
	}

	/**
	 * A uniform random subset of the given size, still sorted (Knuth's selection
	 * sampling).
	 */
	static double[] subsample(double[] sorted, int size, SplittableRandom random) {
		double[] chosen = new double[size];
		int needed = size;
		for (int i = 0; i < sorted.length && needed > 0; i++) {
			if (random.nextInt(sorted.length - i) < needed) {
				chosen[size - needed] = sorted[i];
				needed--;
			}
		}
		return chosen;
	}

	/**
	 * A hash of both windows' values that does not depend on the order they were read in.
	 */
	static long seed(double[] sortedBaseline, double[] sortedCurrent) {
		long hash = 0x9E3779B97F4A7C15L * (sortedBaseline.length + 31L * sortedCurrent.length);
		for (double value : sortedBaseline) {
			hash = mix(hash ^ Double.doubleToLongBits(value));
		}
		hash = mix(hash ^ 0x632BE59BD9B4E019L);
		for (double value : sortedCurrent) {
			hash = mix(hash ^ Double.doubleToLongBits(value));
		}
		return hash;
	}

	/** The finaliser of SplitMix64: every input bit reaches every output bit. */
	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

}
