package io.modelmonitoring.scan.binning;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A multiset of {@link SortableKeys}: sorted distinct keys with their counts, so that a
 * point mass costs one entry however many values it holds. New keys wait in an unsorted
 * tail that is sorted and folded in when full; the tail grows with the distinct keys, so
 * adding stays O(log) amortised and the tally holds about 18 bytes per distinct key.
 */
final class KeyTally implements Serializable {

	private static final int FIRST_PENDING = 256;

	private long[] keys = new long[0];

	private long[] counts = new long[0];

	private int distinct;

	private long[] pending = new long[FIRST_PENDING];

	private int pendingSize;

	void add(long key) {
		if (this.pendingSize == this.pending.length) {
			compact();
		}
		this.pending[this.pendingSize++] = key;
	}

	void addAll(KeyTally other) {
		other.compact();
		compact();
		long[] keys = new long[this.distinct + other.distinct];
		long[] counts = new long[keys.length];
		int size = mergeRuns(this.keys, this.counts, this.distinct, other.keys, other.counts, other.distinct, keys,
				counts);
		this.keys = keys;
		this.counts = counts;
		this.distinct = size;
	}

	/**
	 * The distinct keys as of the last fold, which happens whenever the tail fills:
	 * cheap.
	 */
	int foldedDistinct() {
		return this.distinct;
	}

	/** The distinct keys held, once the tail is folded in. */
	int distinct() {
		compact();
		return this.distinct;
	}

	/** The sorted distinct keys; valid up to {@link #distinct()}; not to be modified. */
	long[] keys() {
		compact();
		return this.keys;
	}

	/** Each key's count, beside {@link #keys()}; not to be modified. */
	long[] counts() {
		compact();
		return this.counts;
	}

	private void compact() {
		if (this.pendingSize == 0) {
			return;
		}
		Arrays.sort(this.pending, 0, this.pendingSize);
		long[] runKeys = new long[this.pendingSize];
		long[] runCounts = new long[this.pendingSize];
		int runs = 0;
		for (int i = 0; i < this.pendingSize; i++) {
			if (runs > 0 && runKeys[runs - 1] == this.pending[i]) {
				runCounts[runs - 1]++;
			}
			else {
				runKeys[runs] = this.pending[i];
				runCounts[runs++] = 1;
			}
		}
		long[] keys = new long[this.distinct + runs];
		long[] counts = new long[keys.length];
		this.distinct = mergeRuns(this.keys, this.counts, this.distinct, runKeys, runCounts, runs, keys, counts);
		this.keys = keys;
		this.counts = counts;
		this.pendingSize = 0;
		int wanted = Math.max(FIRST_PENDING, this.distinct / 4);
		if (this.pending.length < wanted) {
			this.pending = new long[wanted];
		}
	}

	private static int mergeRuns(long[] leftKeys, long[] leftCounts, int leftSize, long[] rightKeys, long[] rightCounts,
			int rightSize, long[] keys, long[] counts) {
		int i = 0;
		int j = 0;
		int size = 0;
		while (i < leftSize || j < rightSize) {
			long key;
			long count;
			if (j == rightSize || (i < leftSize && leftKeys[i] < rightKeys[j])) {
				key = leftKeys[i];
				count = leftCounts[i++];
			}
			else if (i == leftSize || rightKeys[j] < leftKeys[i]) {
				key = rightKeys[j];
				count = rightCounts[j++];
			}
			else {
				key = leftKeys[i];
				count = leftCounts[i++] + rightCounts[j++];
			}
			keys[size] = key;
			counts[size++] = count;
		}
		return size;
	}

}
