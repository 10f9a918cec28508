package io.modelmonitoring.scan.binning;

import java.util.Arrays;

/**
 * The values at a few ranks of an array in any order, found by selection instead of a
 * full sort: the quantile edges of a baseline need at most 2·(bins−1) of its order
 * statistics, and selection finds r of them in O(n log r) where a sort costs O(n log n).
 * <p>
 * The order is exactly {@link Arrays#sort(double[])}'s: the selection runs on
 * {@link SortableKeys}, whose integer order is {@link Double#compare}'s (−0.0 before 0.0,
 * the infinities at the ends). NaN has no place in that order here (a NaN's key depends
 * on its sign bit, where the sort puts every NaN last), so it is refused; predictions are
 * finite by the time they reach a window.
 * <p>
 * Two steps. First the keys are counted in {@value #BUCKETS} buckets of equal width over
 * their range, which tells the bucket of every rank; only the buckets holding a wanted
 * rank are gathered, a small share of the values unless a few buckets hold most of them.
 * Then a multi-quickselect on the gathered keys partitions and recurses only into the
 * parts holding wanted ranks: three-way partitions make ties (all equal, a few distinct
 * values) linear; pivots by median of three, or of three medians of three on larger
 * parts, split sorted, reversed and organ-pipe inputs well; and a part partitioned more
 * times than twice the logarithm of the gathered size is sorted instead, so that no input
 * can make the selection quadratic (introselect). Pure: no Spring, no I/O.
 */
final class OrderStatistics {

	/** The first step's buckets: their counts stay in the fastest cache. */
	static final int BUCKETS = 2048;

	/** Parts this small are sorted by insertion: cheaper than partitioning them. */
	static final int INSERTION_SORT_MAX = 24;

	/** Parts this large take their pivot from nine values instead of three. */
	private static final int NINTHER_MIN = 128;

	private OrderStatistics() {
	}

	/**
	 * @param values the values, finite or infinite but never NaN, in any order (not
	 * modified)
	 * @param ranks 0-based ranks into the values sorted ascending, strictly ascending
	 * @return the value at each rank, in the order of the ranks: to the bit what the
	 * sorted values hold there
	 */
	static double[] at(double[] values, long[] ranks) {
		checkRanks(values.length, ranks);
		double[] selected = new double[ranks.length];
		if (ranks.length == 0) {
			return selected;
		}
		Buckets buckets = Buckets.of(values);
		// Where the next key of each bucket that holds a wanted rank goes among the
		// gathered keys, bucket after bucket (−1: not gathered); and each rank's place
		// there.
		int[] nextPlace = new int[buckets.count()];
		Arrays.fill(nextPlace, -1);
		long[] gatheredRanks = new long[ranks.length];
		int gathered = 0;
		int bucket = 0;
		for (int i = 0; i < ranks.length; i++) {
			while (buckets.firstRank(bucket + 1) <= ranks[i]) {
				bucket++;
			}
			if (nextPlace[bucket] < 0) {
				nextPlace[bucket] = gathered;
				gathered += buckets.firstRank(bucket + 1) - buckets.firstRank(bucket);
			}
			gatheredRanks[i] = nextPlace[bucket] + (ranks[i] - buckets.firstRank(bucket));
		}
		long[] keys = new long[gathered];
		for (double value : values) {
			long key = SortableKeys.of(value);
			int b = buckets.of(key);
			if (nextPlace[b] >= 0) {
				keys[nextPlace[b]++] = key;
			}
		}
		select(keys, gatheredRanks, partitionBudget(keys.length));
		for (int i = 0; i < ranks.length; i++) {
			selected[i] = SortableKeys.value(keys[(int) gatheredRanks[i]]);
		}
		return selected;
	}

	private static void checkRanks(int size, long[] ranks) {
		for (int i = 0; i < ranks.length; i++) {
			if (ranks[i] < 0 || ranks[i] >= size) {
				throw new IllegalArgumentException("rank " + ranks[i] + " is outside the " + size + " values' ranks");
			}
			if (i > 0 && ranks[i] <= ranks[i - 1]) {
				throw new IllegalArgumentException(
						"ranks must be strictly ascending, got " + ranks[i - 1] + " before " + ranks[i]);
			}
		}
	}

	/**
	 * Buckets of equal width over the values' key range, at most {@link #BUCKETS}, in key
	 * order, each with the rank of its first value.
	 */
	private static final class Buckets {

		private final long lowest;

		private final int shift;

		/** firstRanks[b] is the rank of bucket b's first value; one more at the end. */
		private final int[] firstRanks;

		private Buckets(long lowest, int shift, int[] firstRanks) {
			this.lowest = lowest;
			this.shift = shift;
			this.firstRanks = firstRanks;
		}

		static Buckets of(double[] values) {
			long lowest = Long.MAX_VALUE;
			long highest = Long.MIN_VALUE;
			for (int i = 0; i < values.length; i++) {
				if (Double.isNaN(values[i])) {
					throw new IllegalArgumentException("value " + i + " is NaN, which has no rank");
				}
				long key = SortableKeys.of(values[i]);
				lowest = Math.min(lowest, key);
				highest = Math.max(highest, key);
			}
			// Unsigned: from −MAX_VALUE to MAX_VALUE the range exceeds Long.MAX_VALUE.
			long range = highest - lowest;
			int bits = Long.SIZE - Long.numberOfLeadingZeros(range);
			int shift = Math.max(0, bits - Integer.numberOfTrailingZeros(BUCKETS));
			int[] firstRanks = new int[(int) (range >>> shift) + 2];
			Buckets buckets = new Buckets(lowest, shift, firstRanks);
			for (double value : values) {
				firstRanks[buckets.of(SortableKeys.of(value)) + 1]++;
			}
			for (int b = 1; b < firstRanks.length; b++) {
				firstRanks[b] += firstRanks[b - 1];
			}
			return buckets;
		}

		int count() {
			return this.firstRanks.length - 1;
		}

		int of(long key) {
			return (int) ((key - this.lowest) >>> this.shift);
		}

		/** The rank of the bucket's first value; for {@link #count()}, the size. */
		int firstRank(int bucket) {
			return this.firstRanks[bucket];
		}

	}

	/** Twice the number of halvings that bring the size down to one part. */
	static int partitionBudget(int size) {
		return 2 * (Integer.SIZE - Integer.numberOfLeadingZeros(size));
	}

	/**
	 * Reorders the keys so that each of the ranks holds the key the sorted keys hold
	 * there, partitioning a part at most {@code budget} times before sorting it.
	 */
	static void select(long[] keys, long[] ranks, int budget) {
		select(keys, 0, keys.length, ranks, 0, ranks.length, budget);
	}

	/**
	 * Part [from, to) of the keys holds ranks[firstRank] … ranks[endRank − 1]; the lower
	 * part is recursed into, the upper one looped on.
	 */
	private static void select(long[] keys, int from, int to, long[] ranks, int firstRank, int endRank, int budget) {
		while (firstRank < endRank) {
			if (to - from <= INSERTION_SORT_MAX) {
				insertionSort(keys, from, to);
				return;
			}
			if (budget == 0) {
				Arrays.sort(keys, from, to);
				return;
			}
			budget--;
			long pivot = pivot(keys, from, to);
			// Dijkstra's three-way partition: [from, less) < pivot, [less, greater) ==
			// pivot, [greater, to) > pivot.
			int less = from;
			int greater = to;
			int i = from;
			while (i < greater) {
				long key = keys[i];
				if (key < pivot) {
					keys[i++] = keys[less];
					keys[less++] = key;
				}
				else if (key > pivot) {
					keys[i] = keys[--greater];
					keys[greater] = key;
				}
				else {
					i++;
				}
			}
			int lowerEnd = firstRankFrom(ranks, firstRank, endRank, less);
			int upperStart = firstRankFrom(ranks, lowerEnd, endRank, greater);
			// The ranks in between hold the pivot: found.
			select(keys, from, less, ranks, firstRank, lowerEnd, budget);
			from = greater;
			firstRank = upperStart;
		}
	}

	/** The index of the first of ranks[first … end − 1] at or above the position. */
	private static int firstRankFrom(long[] ranks, int first, int end, int position) {
		int index = first;
		while (index < end && ranks[index] < position) {
			index++;
		}
		return index;
	}

	private static long pivot(long[] keys, int from, int to) {
		int last = to - 1;
		int middle = (from + last) >>> 1;
		if (to - from < NINTHER_MIN) {
			return median(keys[from], keys[middle], keys[last]);
		}
		int step = (to - from) / 8;
		return median(median(keys[from], keys[from + step], keys[from + 2 * step]),
				median(keys[middle - step], keys[middle], keys[middle + step]),
				median(keys[last - 2 * step], keys[last - step], keys[last]));
	}

	private static long median(long a, long b, long c) {
		return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
	}

	private static void insertionSort(long[] keys, int from, int to) {
		for (int i = from + 1; i < to; i++) {
			long key = keys[i];
			int j = i - 1;
			while (j >= from && keys[j] > key) {
				keys[j + 1] = keys[j];
				j--;
			}
			keys[j + 1] = key;
		}
	}

}
