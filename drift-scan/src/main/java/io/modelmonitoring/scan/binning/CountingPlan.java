package io.modelmonitoring.scan.binning;

import java.io.Serializable;
import java.util.Arrays;
import java.util.function.LongFunction;

/**
 * What one counting pass over a group does with each value: the key ranges (buckets) it
 * counts values in, and the buckets whose baseline values it keeps exactly, because an
 * order statistic the edges need, or an edge, may lie in them. Buckets are contiguous
 * ranges of {@link SortableKeys}: bucket i holds the keys from {@code starts[i]} up to
 * the next start; no bucket boundary separates −0.0 from 0.0, so a value outside a bucket
 * is never numerically equal to one inside it. Immutable, shared by the counters of one
 * pass.
 */
final class CountingPlan implements Serializable {

	/**
	 * Current values kept beyond this multiple of the baseline's kept share are given up.
	 */
	private static final int CURRENT_KEEP_MARGIN = 4;

	/** The bucket table has at most 2^this cells (256: 1 kB). */
	private static final int CELL_BITS = 8;

	/** A cell holding more starts than this is searched, not walked. */
	private static final int WALK_LIMIT = 4;

	private final long[] starts;

	private final boolean[] kept;

	private final boolean keepCurrent;

	private final long currentLimit;

	private final long baselineCount;

	private final long currentCount;

	private final int bins;

	private final double[] baselineSample;

	private final double[] currentSample;

	// A table over the keys from the second start to the last, for the bucket search
	// that every value of a counting pass makes: the key's cell gives the few buckets it
	// may be in. The cells are equal ranges of keys, so a value range dense with starts
	// costs a short search, and the rest a lookup.

	private final long tableBase;

	private final long tableTop;

	private final int cellShift;

	/**
	 * Per cell: the bucket of its lowest key; one more entry for the cell after the last.
	 */
	private final int[] cellBuckets;

	private CountingPlan(long[] starts, boolean[] kept, boolean keepCurrent, long currentLimit, long baselineCount,
			long currentCount, int bins, double[] baselineSample, double[] currentSample) {
		this.starts = starts;
		this.kept = kept;
		this.keepCurrent = keepCurrent;
		this.currentLimit = currentLimit;
		this.baselineCount = baselineCount;
		this.currentCount = currentCount;
		this.bins = bins;
		this.baselineSample = baselineSample;
		this.currentSample = currentSample;
		int last = starts.length - 1;
		this.tableBase = starts[Math.min(1, last)];
		this.tableTop = starts[last];
		// The span between them, unsigned: at most 2^CELL_BITS cells.
		long span = this.tableTop - this.tableBase;
		this.cellShift = Math.max(0, (Long.SIZE - Long.numberOfLeadingZeros(span)) - CELL_BITS);
		int cells = (int) (span >>> this.cellShift) + 1;
		this.cellBuckets = new int[cells + 1];
		for (int cell = 0; cell < cells; cell++) {
			this.cellBuckets[cell] = search(this.tableBase + ((long) cell << this.cellShift), 0, last);
		}
		this.cellBuckets[cells] = last;
	}

	/**
	 * A first pass over a baseline known only by a sketch: for every rank the edges need,
	 * a value range that holds its order statistic with high probability, widened one key
	 * down so that the largest double below a quantile at its lower end is inside too;
	 * and finer buckets at the given values, so that a missed order statistic is pinned
	 * to one of them.
	 * @param bracket for a 0-based rank, {lower, upper}: values the order statistic lies
	 * between
	 * @param cuts values to start a bucket at (the sketch's quantiles at even ranks)
	 * @param keptShare the share of the baseline the brackets are expected to hold
	 */
	static CountingPlan bracketing(long baselineCount, long currentCount, int bins, LongFunction<double[]> bracket,
			double[] cuts, double keptShare, double[] baselineSample, double[] currentSample) {
		long[] ranks = QuantileEdges.ranks(baselineCount, bins);
		long[] lows = new long[ranks.length];
		long[] highs = new long[ranks.length];
		long[] starts = new long[1 + cuts.length + 2 * ranks.length];
		int size = 0;
		starts[size++] = Long.MIN_VALUE;
		for (double cut : cuts) {
			starts[size++] = belowZeros(SortableKeys.of(cut));
		}
		for (int i = 0; i < ranks.length; i++) {
			double[] range = bracket.apply(ranks[i]);
			lows[i] = belowZeros(SortableKeys.of(range[0]) - 1);
			highs[i] = aboveZeros(SortableKeys.of(range[1]) + 1);
			starts[size++] = lows[i];
			starts[size++] = highs[i];
		}
		long[] distinct = Arrays.stream(starts, 0, size).sorted().distinct().toArray();
		boolean[] kept = new boolean[distinct.length];
		for (int b = 0; b < distinct.length; b++) {
			for (int i = 0; i < ranks.length; i++) {
				kept[b] |= lows[i] <= distinct[b] && distinct[b] < highs[i];
			}
		}
		return new CountingPlan(distinct, kept, true, currentLimit(keptShare, currentCount), baselineCount,
				currentCount, bins, baselineSample, currentSample);
	}

	/**
	 * A pass whose edges are known: a bucket ends at every edge, so bin counts are sums
	 * of bucket counts; the baseline is kept whole (it is small) to find the edges again.
	 */
	static CountingPlan aligned(double[] edges, long baselineCount, long currentCount, int bins,
			double[] baselineSample, double[] currentSample) {
		CountingPlan everything = new CountingPlan(new long[] { Long.MIN_VALUE }, new boolean[] { true }, false, 0,
				baselineCount, currentCount, bins, baselineSample, currentSample);
		return everything.alignedTo(edges);
	}

	/** This plan with a bucket ending at every edge, and current values counted only. */
	CountingPlan alignedTo(double[] edges) {
		long[] starts = Arrays.copyOf(this.starts, this.starts.length + edges.length);
		for (int i = 0; i < edges.length; i++) {
			// ofEdge never gives −0.0's key, so this start never separates −0.0 from 0.0.
			starts[this.starts.length + i] = SortableKeys.ofEdge(edges[i]) + 1;
		}
		long[] distinct = Arrays.stream(starts).sorted().distinct().toArray();
		boolean[] kept = new boolean[distinct.length];
		for (int b = 0; b < distinct.length; b++) {
			kept[b] = this.kept[bucketOf(distinct[b])];
		}
		return new CountingPlan(distinct, kept, false, 0, this.baselineCount, this.currentCount, this.bins,
				this.baselineSample, this.currentSample);
	}

	/**
	 * This plan keeping the given buckets' values too.
	 * @param keptBaseline the baseline values the kept buckets will hold, known exactly
	 * @param keepCurrent whether current values are still worth keeping
	 */
	CountingPlan keeping(int[] buckets, long keptBaseline, boolean keepCurrent) {
		boolean[] kept = this.kept.clone();
		for (int bucket : buckets) {
			kept[bucket] = true;
		}
		double share = (double) keptBaseline / this.baselineCount;
		return new CountingPlan(this.starts, kept, keepCurrent && this.keepCurrent,
				currentLimit(share, this.currentCount), this.baselineCount, this.currentCount, this.bins,
				this.baselineSample, this.currentSample);
	}

	/**
	 * Enough room for the current values in the kept buckets when the current window is
	 * spread like the baseline, with a margin; beyond it the current window has moved
	 * into the brackets and a further pass with aligned buckets counts it in constant
	 * memory.
	 */
	private static long currentLimit(double keptShare, long currentCount) {
		return Math.max(WindowSketch.EXACT_VALUES, (long) Math.ceil(CURRENT_KEEP_MARGIN * keptShare * currentCount));
	}

	/** A lower bound never starts between −0.0 and 0.0: it takes −0.0 in. */
	private static long belowZeros(long start) {
		return (start == 0) ? SortableKeys.NEGATIVE_ZERO : start;
	}

	/** An upper bound never starts between −0.0 and 0.0: it leaves 0.0 inside. */
	private static long aboveZeros(long start) {
		return (start == 0) ? 1 : start;
	}

	/** The bucket of a key: the last start at or below it. */
	int bucketOf(long key) {
		if (key < this.tableBase) {
			return 0;
		}
		if (key >= this.tableTop) {
			return this.starts.length - 1;
		}
		// base <= key < top: the difference is below the span, unsigned.
		int cell = (int) ((key - this.tableBase) >>> this.cellShift);
		int from = this.cellBuckets[cell];
		int to = this.cellBuckets[cell + 1];
		if (to - from > WALK_LIMIT) {
			return search(key, from, to);
		}
		while (from < to && this.starts[from + 1] <= key) {
			from++;
		}
		return from;
	}

	/**
	 * The last start at or below a key among the buckets {@code from} to {@code to}, the
	 * key being at or above the first (a search without early exits).
	 */
	private int search(long key, int from, int to) {
		int low = from;
		int length = to - from + 1;
		while (length > 1) {
			int half = length >>> 1;
			if (this.starts[low + half] <= key) {
				low += half;
			}
			length -= half;
		}
		return low;
	}

	int buckets() {
		return this.starts.length;
	}

	long start(int bucket) {
		return this.starts[bucket];
	}

	long end(int bucket) {
		return (bucket + 1 < this.starts.length) ? this.starts[bucket + 1] - 1 : Long.MAX_VALUE;
	}

	boolean kept(int bucket) {
		return this.kept[bucket];
	}

	boolean keepCurrent() {
		return this.keepCurrent;
	}

	long currentLimit() {
		return this.currentLimit;
	}

	long baselineCount() {
		return this.baselineCount;
	}

	long currentCount() {
		return this.currentCount;
	}

	int bins() {
		return this.bins;
	}

	double[] baselineSample() {
		return this.baselineSample;
	}

	double[] currentSample() {
		return this.currentSample;
	}

	/** Whether counters of the two plans count the same things and so can be merged. */
	boolean sameAs(CountingPlan other) {
		return this == other || (Arrays.equals(this.starts, other.starts) && Arrays.equals(this.kept, other.kept)
				&& this.keepCurrent == other.keepCurrent && this.currentLimit == other.currentLimit
				&& this.baselineCount == other.baselineCount && this.currentCount == other.currentCount
				&& this.bins == other.bins);
	}

}
