package io.modelmonitoring.scan.drift;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A Monte Carlo permutation test of "both windows come from one distribution of
 * categories", on categorical PSI. A relabelling deals the pooled values out again into
 * windows of the same sizes, a multivariate hypergeometric draw of the baseline's counts
 * from the pooled ones, and bins it afresh: the top categories are those of the
 * relabelled baseline, as {@link CategoricalPsi} would choose them, so the choice of bins
 * is part of the statistic and the test is exact. Rounds, early stop and the p-value (1 +
 * exceedances) / (1 + rounds) are {@link PermutationTest}'s.
 * <p>
 * Deterministic: the random stream is seeded from the counts, read in category order. A
 * round costs O(values dealt + categories); the test deals at most
 * {@link PermutationTest#MAX_VALUES} values, a uniform subsample of each window beyond
 * its share of them, which keeps the level exact.
 */
final class CategoricalPermutationTest {

	private final int categories;

	/** Per pooled value its category; {@code categories} for an untracked one. */
	private final int[] values;

	private final long[] pooled;

	private final int baselineSize;

	private final int currentSize;

	private final int maxCategories;

	private final double smoothing;

	private final long[] smallerScratch;

	private final long[] baselineScratch;

	private final long[] currentScratch;

	private CategoricalPermutationTest(CategoryTable table, int maxCategories, double smoothing,
			SplittableRandom random) {
		this.categories = table.names.length;
		long n = Arrays.stream(table.baseline).sum() + table.untrackedBaseline;
		long m = Arrays.stream(table.current).sum() + table.untrackedCurrent;
		int half = PermutationTest.MAX_VALUES / 2;
		int smallerTarget = (int) Math.min(Math.min(n, m), half);
		int largerTarget = (int) Math.min(Math.max(n, m), PermutationTest.MAX_VALUES - smallerTarget);
		this.baselineSize = (n <= m) ? smallerTarget : largerTarget;
		this.currentSize = (n <= m) ? largerTarget : smallerTarget;
		this.values = new int[this.baselineSize + this.currentSize];
		int filled = deal(table.baseline, table.untrackedBaseline, n, this.baselineSize, 0, random);
		deal(table.current, table.untrackedCurrent, m, this.currentSize, filled, random);
		this.pooled = new long[this.categories + 1];
		for (int value : this.values) {
			this.pooled[value]++;
		}
		this.maxCategories = maxCategories;
		this.smoothing = smoothing;
		this.smallerScratch = new long[this.categories + 1];
		this.baselineScratch = new long[this.categories + 1];
		this.currentScratch = new long[this.categories + 1];
	}

	static double pValue(CategoryTable table, int maxCategories, double smoothing) {
		SplittableRandom random = new SplittableRandom(seed(table));
		return new CategoricalPermutationTest(table, maxCategories, smoothing, random).run(random);
	}

	private double run(SplittableRandom random) {
		double[] psi = new double[PermutationTest.MAX_ROUNDS + 1];
		// Round 0 is the windows as dealt: the first values are the baseline's.
		for (int k = 0; k < this.baselineSize; k++) {
			this.baselineScratch[this.values[k]]++;
		}
		psi[0] = psiOfBaselineScratch();
		for (int round = 1; round <= PermutationTest.MAX_ROUNDS; round++) {
			relabel(random);
			psi[round] = psiOfBaselineScratch();
			if (round == PermutationTest.FIRST_ROUNDS || round == PermutationTest.ROUNDS) {
				double stage = shareAtLeastObserved(psi, round + 1);
				if (stage >= PermutationTest.STOP_AT
						|| (round == PermutationTest.ROUNDS && stage > PermutationTest.EXTEND_AT)) {
					return stage;
				}
			}
		}
		return shareAtLeastObserved(psi, psi.length);
	}

	/**
	 * A partial Fisher–Yates shuffle draws the smaller window's values; the other
	 * window's counts are the pooled ones less those.
	 */
	private void relabel(SplittableRandom random) {
		int total = this.values.length;
		boolean smallerIsBaseline = this.baselineSize <= this.currentSize;
		int smaller = smallerIsBaseline ? this.baselineSize : this.currentSize;
		Arrays.fill(this.smallerScratch, 0);
		for (int k = 0; k < smaller; k++) {
			int other = k + random.nextInt(total - k);
			int swap = this.values[k];
			this.values[k] = this.values[other];
			this.values[other] = swap;
			this.smallerScratch[this.values[k]]++;
		}
		for (int c = 0; c <= this.categories; c++) {
			long rest = this.pooled[c] - this.smallerScratch[c];
			this.baselineScratch[c] = smallerIsBaseline ? this.smallerScratch[c] : rest;
		}
	}

	private double psiOfBaselineScratch() {
		for (int c = 0; c <= this.categories; c++) {
			this.currentScratch[c] = this.pooled[c] - this.baselineScratch[c];
		}
		return CategoryTable.psi(this.baselineScratch, this.currentScratch, this.categories, this.baselineSize,
				this.currentSize, this.maxCategories, this.smoothing);
	}

	private static double shareAtLeastObserved(double[] psi, int rounds) {
		double[] first = Arrays.copyOf(psi, rounds);
		return (double) PermutationTest.atLeastAsLarge(first)[0] / rounds;
	}

	/**
	 * Writes {@code size} values of a window, a uniform subsample of its {@code total}
	 * (Knuth's selection sampling), from {@code offset} on; returns the next offset.
	 */
	private int deal(long[] byCategory, long untracked, long total, int size, int offset, SplittableRandom random) {
		int at = offset;
		long remaining = total;
		long needed = size;
		for (int c = 0; c <= byCategory.length && needed > 0; c++) {
			long count = (c < byCategory.length) ? byCategory[c] : untracked;
			if (needed == remaining) {
				// Every remaining value is taken: no random numbers needed.
				for (long k = 0; k < count; k++) {
					this.values[at++] = c;
				}
				needed -= count;
				remaining -= count;
				continue;
			}
			for (long k = 0; k < count && needed > 0; k++) {
				if (random.nextLong(remaining) < needed) {
					this.values[at++] = c;
					needed--;
				}
				remaining--;
			}
		}
		return at;
	}

	/**
	 * A hash of both windows' counts, in category order: the order of reading is lost.
	 */
	static long seed(CategoryTable table) {
		long hash = 0x9E3779B97F4A7C15L;
		for (int c = 0; c < table.names.length; c++) {
			hash = mix(hash ^ table.names[c].hashCode());
			hash = mix(hash ^ table.baseline[c]);
			hash = mix(hash ^ table.current[c]);
		}
		hash = mix(hash ^ table.untrackedBaseline);
		return mix(hash ^ table.untrackedCurrent);
	}

	/** The finaliser of SplitMix64: every input bit reaches every output bit. */
	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

}
