package io.modelmonitoring.scan.binning;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One window's values while they fit in {@code capacity}, then a uniform random sample of
 * that size (reservoir sampling, Vitter's algorithm R).
 * <p>
 * Deterministic without a seed from outside: the random stream starts when the window
 * first overflows, seeded from a hash of the values it held then, and a merge draws from
 * a stream seeded from both sides. Collectors of different files thus draw independent
 * streams (a constant seed would make every file's reservoir keep the same positions),
 * while the same values in the same order and merge tree give the same sample.
 */
final class ValueSample implements Serializable {

	private static final int FIRST_CAPACITY = 16;

	private final int capacity;

	private double[] values = new double[0];

	/** How many of {@link #values} are filled: min(count, capacity). */
	private int size;

	private long count;

	/** Null while every value is kept. */
	private SeededRandom random;

	ValueSample(int capacity) {
		this.capacity = capacity;
	}

	void add(double value) {
		if (this.count < this.capacity) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values,
						Math.min(this.capacity, Math.max(FIRST_CAPACITY, 2 * this.values.length)));
			}
			this.values[this.size++] = value;
		}
		else {
			if (this.random == null) {
				this.random = new SeededRandom(hash(this.values, this.size, this.count));
			}
			long slot = this.random.nextLong(this.count + 1);
			if (slot < this.capacity) {
				this.values[(int) slot] = value;
			}
		}
		this.count++;
	}

	/**
	 * Makes this the window of this one's values followed by {@code later}'s: all of them
	 * while they fit, else a uniform sample of the union. A uniform sample of the union
	 * takes a hypergeometric share of it from each side, then that many of each side's
	 * own uniform sample at random.
	 */
	void merge(ValueSample later) {
		if (later.exact()) {
			// Every value of the later part is at hand: the reservoir takes them one by
			// one,
			// as if they had come here (what a scan's per-file parts mostly are), which
			// is
			// as uniform as the draw below and costs the later part's size, not the
			// capacity.
			for (int i = 0; i < later.size; i++) {
				add(later.values[i]);
			}
			return;
		}
		SeededRandom draw = new SeededRandom(hash(this.values, this.size, this.count)
				^ Long.rotateLeft(hash(later.values, later.size, later.count), 1));
		long fromThis = 0;
		long thisLeft = this.count;
		long laterLeft = later.count;
		for (int i = 0; i < this.capacity; i++) {
			if (draw.nextLong(thisLeft + laterLeft) < thisLeft) {
				fromThis++;
				thisLeft--;
			}
			else {
				laterLeft--;
			}
		}
		double[] merged = new double[this.capacity];
		int filled = randomSubset(this.values, this.size, (int) fromThis, merged, 0, draw);
		randomSubset(later.values, later.size, this.capacity - (int) fromThis, merged, filled, draw);
		this.values = merged;
		this.size = this.capacity;
		this.count += later.count;
		this.random = new SeededRandom(hash(this.values, this.size, this.count));
	}

	/**
	 * Copies {@code wanted} of the first {@code size} values, chosen at random, to
	 * {@code target}.
	 */
	private static int randomSubset(double[] values, int size, int wanted, double[] target, int offset,
			SeededRandom random) {
		double[] pool = Arrays.copyOf(values, size);
		for (int k = 0; k < wanted; k++) {
			int other = k + random.nextInt(size - k);
			double swap = pool[k];
			pool[k] = pool[other];
			pool[other] = swap;
			target[offset + k] = pool[k];
		}
		return offset + wanted;
	}

	long count() {
		return this.count;
	}

	/** True while every value of the window is kept. */
	boolean exact() {
		return this.count <= this.capacity;
	}

	/** The kept values (all, or the sample), sorted ascending; a copy. */
	double[] sorted() {
		double[] sorted = Arrays.copyOf(this.values, this.size);
		Arrays.sort(sorted);
		return sorted;
	}

	/** The kept values in no particular order; a copy. */
	double[] kept() {
		return Arrays.copyOf(this.values, this.size);
	}

	/** SplitMix64's finaliser over the values' bits and the count. */
	private static long hash(double[] values, int size, long count) {
		long hash = mix(0x9E3779B97F4A7C15L * (count + 1));
		for (int i = 0; i < size; i++) {
			hash = mix(hash ^ Double.doubleToRawLongBits(values[i]));
		}
		return hash;
	}

	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

}
