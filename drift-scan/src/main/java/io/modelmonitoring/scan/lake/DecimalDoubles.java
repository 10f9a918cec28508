package io.modelmonitoring.scan.lake;

import java.math.BigInteger;

/**
 * The correctly rounded double of a decimal w × 10^q with at most {@link #MAX_DIGITS}
 * digits and −{@value #MAX_FRACTION_DIGITS} ≤ q ≤ 0: the shape a logger's shortest
 * round-trip form of a prediction takes (0.2881437984552395). It is the Eisel–Lemire
 * algorithm (D. Lemire, "Number parsing at a gigabyte per second", Software: Practice and
 * Experience 51(8), 2021), for this range only: one 64 × 128-bit product with a truncated
 * power of five, which is always enough to round correctly (N. Mushtak and D. Lemire,
 * "Fast number parsing without fallback", 2023), and the round-half-to-even rule where an
 * exact tie can occur.
 * <p>
 * Why: these numbers are over half the bytes of a lake's lines, and the general parser
 * reads each one twice (once to find it, once to convert it).
 */
final class DecimalDoubles {

	/** Digits whose value a long always holds: 10^18 < 2^63. */
	static final int MAX_DIGITS = 18;

	static final int MAX_FRACTION_DIGITS = 18;

	/** Per −q: the 128 most significant bits of 5^q, rounded up (high word, low word). */
	private static final long[] POWERS_OF_FIVE = powersOfFive();

	private static final int MANTISSA_BITS = 52;

	private static final int EXPONENT_BIAS = 1023;

	/** Exact ties between two doubles occur only for these q (and w below 2^64). */
	private static final int MIN_EXPONENT_ROUND_TO_EVEN = -4;

	private DecimalDoubles() {
	}

	/**
	 * @param w the decimal digits as an integer, at most {@link #MAX_DIGITS} of them
	 * @param q the power of ten, from −{@link #MAX_FRACTION_DIGITS} to 0
	 * @param negative whether the number has a minus sign (−0.0 for a zero)
	 */
	static double of(long w, int q, boolean negative) {
		if (w == 0) {
			return negative ? -0.0 : 0.0;
		}
		int leadingZeros = Long.numberOfLeadingZeros(w);
		long normalized = w << leadingZeros;
		int index = 2 * -q;
		long high = unsignedMultiplyHigh(normalized, POWERS_OF_FIVE[index]);
		long low = normalized * POWERS_OF_FIVE[index];
		// The low bits of the high word decide nothing unless they are all ones: then
		// the next word of the power may carry into them.
		long precisionMask = 0xFFFFFFFFFFFFFFFFL >>> (MANTISSA_BITS + 3);
		if ((high & precisionMask) == precisionMask) {
			long carry = unsignedMultiplyHigh(normalized, POWERS_OF_FIVE[index + 1]);
			low += carry;
			if (Long.compareUnsigned(carry, low) > 0) {
				high++;
			}
		}
		int upperBit = (int) (high >>> 63);
		int shift = upperBit + 64 - MANTISSA_BITS - 3;
		long mantissa = high >>> shift;
		int power2 = power(q) + upperBit - leadingZeros + EXPONENT_BIAS;
		// Halfway between two doubles, and exactly so: round to even.
		if (Long.compareUnsigned(low, 1) <= 0 && q >= MIN_EXPONENT_ROUND_TO_EVEN && (mantissa & 3) == 1
				&& (mantissa << shift) == high) {
			mantissa &= ~1L;
		}
		mantissa += mantissa & 1;
		mantissa >>>= 1;
		if (mantissa >= (2L << MANTISSA_BITS)) {
			mantissa = 1L << MANTISSA_BITS;
			power2++;
		}
		mantissa &= ~(1L << MANTISSA_BITS);
		long bits = mantissa | ((long) power2 << MANTISSA_BITS) | (negative ? Long.MIN_VALUE : 0);
		return Double.longBitsToDouble(bits);
	}

	/** floor(log2(10^q)) + 63, as the algorithm needs it (exact over its range). */
	private static int power(int q) {
		return (((152_170 + 65_536) * q) >> 16) + 63;
	}

	/** Java 18 has Math.unsignedMultiplyHigh; this is its definition. */
	private static long unsignedMultiplyHigh(long x, long y) {
		return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
	}

	/**
	 * For q = 0 … −18: 5^q normalized to 128 bits, as the algorithm's table has it: 2^b /
	 * 5^−q rounded up for negative q, with b the power of two that puts the top bit at
	 * bit 127.
	 */
	private static long[] powersOfFive() {
		long[] table = new long[2 * (MAX_FRACTION_DIGITS + 1)];
		BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
		for (int negativeQ = 0; negativeQ <= MAX_FRACTION_DIGITS; negativeQ++) {
			BigInteger value;
			if (negativeQ == 0) {
				value = BigInteger.ONE.shiftLeft(127);
			}
			else {
				BigInteger power = BigInteger.valueOf(5).pow(negativeQ);
				// the least z with 2^z ≥ 5^−q
				int z = power.subtract(BigInteger.ONE).bitLength();
				value = BigInteger.ONE.shiftLeft(z + 127).divide(power).add(BigInteger.ONE);
			}
			table[2 * negativeQ] = value.shiftRight(64).longValue();
			table[2 * negativeQ + 1] = value.and(mask).longValue();
		}
		return table;
	}

}
