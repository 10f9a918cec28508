package io.modelmonitoring.scan.binning;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Optional;

/**
 * Pass 2 (and, rarely, 3) for one group: reads both windows again and counts every value
 * in the bucket of its {@link CountingPlan}, keeping the values that fall in the buckets
 * around the order statistics the §6 edges need. From the exact count below each bucket
 * and the kept values, the order statistics are exact, hence the edges; every edge lies
 * in a kept bucket or at a bucket's end, hence the bin counts.
 * <p>
 * Memory: the two windows' samples (2 × 32 kB), a batch of values waiting to be counted
 * per window (2 × 2 kB), a few counts per bucket (the plan has about
 * {@value WindowSketch#FINE_BUCKETS} plus two per needed rank) and the kept values,
 * stored as distinct values with counts (about 18 bytes each): about twice the sketch's
 * rank error times n per bracket (1,400 values at 10^6), a small fraction of the window
 * that a point mass does not inflate. The current window's kept values are given up past
 * a limit (the window moved into the brackets); a further pass then counts it in buckets
 * aligned to the edges. Not thread-safe; counters of one pass merge in any order.
 */
public final class BinCounter implements Serializable {

	/** Values per window counted at once; 2 kB a window while the counter is fed. */
	private static final int BATCH = 256;

	private final CountingPlan plan;

	private final long[] baselineCounts;

	private final long[] currentCounts;

	private final KeyTally baselineKept = new KeyTally();

	private KeyTally currentKept = new KeyTally();

	/** Set once the current window's kept values passed the plan's limit. */
	private boolean currentGivenUp;

	// Values wait in a batch per window before they are counted: a scan feeds thousands
	// of counters in turn, and counting a batch at once finds the plan and the counts in
	// the cache, where counting each value as it comes would miss them for most values.

	private double[] baselineBatch;

	private int baselineBatched;

	private double[] currentBatch;

	private int currentBatched;

	BinCounter(CountingPlan plan) {
		this.plan = plan;
		this.baselineCounts = new long[plan.buckets()];
		this.currentCounts = new long[plan.buckets()];
	}

	public void addBaseline(double value) {
		if (this.baselineBatch == null) {
			this.baselineBatch = new double[BATCH];
		}
		this.baselineBatch[this.baselineBatched++] = value;
		if (this.baselineBatched == BATCH) {
			countBaselineBatch();
		}
	}

	public void addCurrent(double value) {
		if (this.currentBatch == null) {
			this.currentBatch = new double[BATCH];
		}
		this.currentBatch[this.currentBatched++] = value;
		if (this.currentBatched == BATCH) {
			countCurrentBatch();
		}
	}

	private void countBaselineBatch() {
		CountingPlan plan = this.plan;
		long[] counts = this.baselineCounts;
		for (int i = 0; i < this.baselineBatched; i++) {
			long key = SortableKeys.of(this.baselineBatch[i]);
			int bucket = plan.bucketOf(key);
			counts[bucket]++;
			if (plan.kept(bucket)) {
				this.baselineKept.add(key);
			}
		}
		this.baselineBatched = 0;
	}

	private void countCurrentBatch() {
		CountingPlan plan = this.plan;
		long[] counts = this.currentCounts;
		for (int i = 0; i < this.currentBatched; i++) {
			long key = SortableKeys.of(this.currentBatch[i]);
			int bucket = plan.bucketOf(key);
			counts[bucket]++;
			if (keepingCurrent() && plan.kept(bucket)) {
				this.currentKept.add(key);
				checkCurrentLimit();
			}
		}
		this.currentBatched = 0;
	}

	/** Counts the values still waiting in the batches. */
	private void countBatches() {
		if (this.baselineBatched > 0) {
			countBaselineBatch();
		}
		if (this.currentBatched > 0) {
			countCurrentBatch();
		}
	}

	/**
	 * A new empty counter of this one's pass: one per reader, merged afterwards, without
	 * planning the pass again.
	 */
	public BinCounter emptyCopy() {
		return new BinCounter(this.plan);
	}

	/** Adds what {@code later} counted; counters of one plan only. */
	public void merge(BinCounter later) {
		if (!this.plan.sameAs(later.plan)) {
			throw new IllegalArgumentException("Only counters of the same pass can be merged");
		}
		countBatches();
		later.countBatches();
		for (int b = 0; b < this.baselineCounts.length; b++) {
			this.baselineCounts[b] += later.baselineCounts[b];
			this.currentCounts[b] += later.currentCounts[b];
		}
		this.baselineKept.addAll(later.baselineKept);
		if (later.currentGivenUp) {
			giveUpCurrent();
		}
		if (keepingCurrent()) {
			this.currentKept.addAll(later.currentKept);
			checkCurrentLimit();
		}
	}

	/**
	 * The exact inputs, or empty when an order statistic or an edge fell where this pass
	 * kept no values; then {@link #widened()} gives the pass that finishes.
	 * @throws IllegalStateException when the windows counted are not those sketched
	 */
	public Optional<BinnedWindows> binned() {
		return Optional.ofNullable(tally().binned);
	}

	/**
	 * A fresh counter for one more pass whose buckets surely hold what this pass missed:
	 * the bucket of every missed order statistic is kept (its exact count is known now),
	 * or, once the edges are known, buckets end at the edges. Each call gives a new empty
	 * counter of the same plan, one per reader to merge afterwards.
	 */
	public BinCounter widened() {
		Tally tally = tally();
		if (tally.missedBuckets.length > 0) {
			long keptBaseline = 0;
			for (int b = 0; b < this.baselineCounts.length; b++) {
				if (this.plan.kept(b) || Arrays.binarySearch(tally.missedBuckets, b) >= 0) {
					keptBaseline += this.baselineCounts[b];
				}
			}
			return new BinCounter(this.plan.keeping(tally.missedBuckets, keptBaseline, !this.currentGivenUp));
		}
		if (tally.binned == null) {
			return new BinCounter(this.plan.alignedTo(tally.edges));
		}
		return new BinCounter(this.plan);
	}

	private boolean keepingCurrent() {
		return this.plan.keepCurrent() && !this.currentGivenUp;
	}

	private void checkCurrentLimit() {
		if (this.currentKept.foldedDistinct() > this.plan.currentLimit()) {
			giveUpCurrent();
		}
	}

	private void giveUpCurrent() {
		this.currentGivenUp = true;
		this.currentKept = new KeyTally();
	}

	/** What this pass's counts give: the windows binned, or what a further pass needs. */
	private record Tally(BinnedWindows binned, int[] missedBuckets, double[] edges) {
	}

	private Tally tally() {
		countBatches();
		long n = this.plan.baselineCount();
		long m = this.plan.currentCount();
		long[] baselineBelow = cumulative(this.baselineCounts);
		long[] currentBelow = cumulative(this.currentCounts);
		if (baselineBelow[baselineBelow.length - 1] != n || currentBelow[currentBelow.length - 1] != m) {
			throw new IllegalStateException("Counted " + baselineBelow[baselineBelow.length - 1] + " baseline and "
					+ currentBelow[currentBelow.length - 1] + " current values, but the sketch saw " + n + " and " + m);
		}
		KeptValues baseline = new KeptValues(this.baselineKept);
		long[] ranks = QuantileEdges.ranks(n, this.plan.bins());
		double[] atRanks = new double[ranks.length];
		int[] missed = new int[ranks.length];
		int misses = 0;
		for (int i = 0; i < ranks.length; i++) {
			int bucket = bucketHolding(baselineBelow, ranks[i]);
			if (this.plan.kept(bucket)) {
				atRanks[i] = baseline.valueAt(this.plan.start(bucket), ranks[i] - baselineBelow[bucket]);
			}
			else if (misses == 0 || missed[misses - 1] != bucket) {
				missed[misses++] = bucket;
			}
		}
		if (misses > 0) {
			return new Tally(null, Arrays.copyOf(missed, misses), null);
		}
		double[] edges = QuantileEdges.of(n, this.plan.bins(), (rank) -> atRanks[Arrays.binarySearch(ranks, rank)]);
		KeptValues current = keepingCurrent() ? new KeptValues(this.currentKept) : null;
		long[] baselineAtOrBelow = new long[edges.length];
		long[] currentAtOrBelow = new long[edges.length];
		for (int e = 0; e < edges.length; e++) {
			long key = SortableKeys.ofEdge(edges[e]);
			int bucket = this.plan.bucketOf(key);
			if (key == this.plan.end(bucket)) {
				baselineAtOrBelow[e] = baselineBelow[bucket + 1];
				currentAtOrBelow[e] = currentBelow[bucket + 1];
			}
			else if (this.plan.kept(bucket) && current != null) {
				long from = this.plan.start(bucket);
				baselineAtOrBelow[e] = baselineBelow[bucket] + baseline.countBetween(from, key);
				currentAtOrBelow[e] = currentBelow[bucket] + current.countBetween(from, key);
			}
			else {
				return new Tally(null, new int[0], edges);
			}
		}
		return new Tally(new BinnedWindows(edges, perBin(baselineAtOrBelow, n), perBin(currentAtOrBelow, m), n, m,
				this.plan.baselineSample(), this.plan.currentSample()), new int[0], edges);
	}

	/**
	 * Index b such that the values below bucket b number at most rank, and through it
	 * more.
	 */
	private static int bucketHolding(long[] below, long rank) {
		int low = 0;
		int high = below.length - 2;
		while (low < high) {
			int middle = (low + high + 1) >>> 1;
			if (below[middle] <= rank) {
				low = middle;
			}
			else {
				high = middle - 1;
			}
		}
		return low;
	}

	private static long[] cumulative(long[] counts) {
		long[] below = new long[counts.length + 1];
		for (int b = 0; b < counts.length; b++) {
			below[b + 1] = below[b] + counts[b];
		}
		return below;
	}

	private static long[] perBin(long[] atOrBelow, long total) {
		long[] counts = new long[atOrBelow.length + 1];
		long previous = 0;
		for (int e = 0; e < atOrBelow.length; e++) {
			counts[e] = atOrBelow[e] - previous;
			previous = atOrBelow[e];
		}
		counts[atOrBelow.length] = total - previous;
		return counts;
	}

	/** A tally's distinct keys with running counts, to find ranks and count ranges. */
	private static final class KeptValues {

		private final long[] keys;

		/** below[i]: the values of keys before index i. */
		private final long[] below;

		private final int size;

		KeptValues(KeyTally tally) {
			this.size = tally.distinct();
			this.keys = tally.keys();
			long[] counts = tally.counts();
			this.below = new long[this.size + 1];
			for (int i = 0; i < this.size; i++) {
				this.below[i + 1] = this.below[i] + counts[i];
			}
		}

		/**
		 * The value {@code offset} places (0-based) into the keys from {@code from} on.
		 */
		double valueAt(long from, long offset) {
			long target = this.below[firstAtLeast(from)] + offset;
			int low = 0;
			int high = this.size - 1;
			while (low < high) {
				int middle = (low + high) >>> 1;
				if (this.below[middle + 1] > target) {
					high = middle;
				}
				else {
					low = middle + 1;
				}
			}
			return SortableKeys.value(this.keys[low]);
		}

		/** How many values have keys from {@code from} to {@code to}, both included. */
		long countBetween(long from, long to) {
			return this.below[firstAbove(to)] - this.below[firstAtLeast(from)];
		}

		private int firstAtLeast(long key) {
			int low = 0;
			int high = this.size;
			while (low < high) {
				int middle = (low + high) >>> 1;
				if (this.keys[middle] < key) {
					low = middle + 1;
				}
				else {
					high = middle;
				}
			}
			return low;
		}

		private int firstAbove(long key) {
			return (key == Long.MAX_VALUE) ? this.size : firstAtLeast(key + 1);
		}

	}

}
