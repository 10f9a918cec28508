package io.modelmonitoring.scan.binning;

import java.io.Serializable;

/**
 * The random stream of {@link java.util.SplittableRandom} (SplitMix64, the same seed
 * giving the same numbers to the bit), as a class that serializes: a reservoir's stream
 * travels with it between the machines of a cluster, and goes on where it stopped.
 */
final class SeededRandom implements Serializable {

	private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

	private long seed;

	SeededRandom(long seed) {
		this.seed = seed;
	}

	long nextLong() {
		return mix64(nextSeed());
	}

	int nextInt() {
		return mix32(nextSeed());
	}

	/** Uniform in [0, bound), as {@code SplittableRandom.nextLong(bound)}. */
	long nextLong(long bound) {
		if (bound <= 0) {
			throw new IllegalArgumentException("bound must be positive, got " + bound);
		}
		long m = bound - 1;
		long r = nextLong();
		if ((bound & m) == 0L) {
			return r & m;
		}
		for (long u = r >>> 1; u + m - (r = u % bound) < 0L; u = nextLong() >>> 1) {
			// rejected: u fell in the last, partial run of bound values
		}
		return r;
	}

	/** Uniform in [0, bound), as {@code SplittableRandom.nextInt(bound)}. */
	int nextInt(int bound) {
		if (bound <= 0) {
			throw new IllegalArgumentException("bound must be positive, got " + bound);
		}
		int m = bound - 1;
		int r = nextInt();
		if ((bound & m) == 0) {
			return r & m;
		}
		for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = nextInt() >>> 1) {
			// rejected, as above
		}
		return r;
	}

	private long nextSeed() {
		this.seed += GOLDEN_GAMMA;
		return this.seed;
	}

	private static long mix64(long z) {
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

	private static int mix32(long z) {
		z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
		return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
	}

}
