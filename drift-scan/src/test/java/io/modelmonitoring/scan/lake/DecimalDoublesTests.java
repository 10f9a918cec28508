package io.modelmonitoring.scan.lake;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every double {@link DecimalDoubles} gives is checked against exact arithmetic: it is
 * the double nearest to w × 10^q, and on an exact tie the one with an even mantissa (no
 * parser is the oracle).
 */
class DecimalDoublesTests {

	@Test
	void shortestFormsOfRandomDoublesReadBackToTheDoubleWritten() {
		SplittableRandom random = new SplittableRandom(17);
		for (int run = 0; run < 200_000; run++) {
			double value = random.nextDouble() * Math.pow(10, random.nextInt(0, 4));
			BigDecimal decimal = new BigDecimal(Double.toString(value));
			if (decimal.scale() < 0 || decimal.scale() > DecimalDoubles.MAX_FRACTION_DIGITS
					|| decimal.unscaledValue().bitLength() > 62) {
				continue;
			}
			long w = decimal.unscaledValue().longValueExact();
			if (String.valueOf(w).length() > DecimalDoubles.MAX_DIGITS) {
				continue;
			}
			assertThat(DecimalDoubles.of(w, -decimal.scale(), false)).as("%s", decimal).isEqualTo(value);
		}
	}

	@Test
	void randomDecimalsOfUpTo18DigitsAreCorrectlyRounded() {
		SplittableRandom random = new SplittableRandom(19);
		for (int run = 0; run < 300_000; run++) {
			int digits = random.nextInt(1, DecimalDoubles.MAX_DIGITS + 1);
			long w = random.nextLong(1, BigInteger.TEN.pow(digits).longValueExact());
			int q = -random.nextInt(0, DecimalDoubles.MAX_FRACTION_DIGITS + 1);
			assertCorrectlyRounded(w, q);
		}
	}

	@Test
	void tiesRoundToEven() {
		// 2^53 + 1 and its like lie exactly halfway between two doubles.
		long twoTo53 = 1L << 53;
		for (long odd = twoTo53 + 1; odd < twoTo53 + 2_000; odd += 2) {
			assertCorrectlyRounded(odd, 0);
			assertCorrectlyRounded(odd * 10, -1);
			assertCorrectlyRounded(odd * 100, -2);
		}
		for (int shift = 0; shift <= 6; shift++) {
			long halfway = ((1L << 53) + 1) << shift;
			if (String.valueOf(halfway).length() <= DecimalDoubles.MAX_DIGITS) {
				assertCorrectlyRounded(halfway, 0);
			}
		}
		assertThat(DecimalDoubles.of(9_007_199_254_740_993L, 0, false)).isEqualTo(9_007_199_254_740_992.0);
		assertThat(DecimalDoubles.of(9_007_199_254_740_995L, 0, false)).isEqualTo(9_007_199_254_740_996.0);
	}

	@Test
	void extremesOfTheRange() {
		assertCorrectlyRounded(999_999_999_999_999_999L, 0);
		assertCorrectlyRounded(999_999_999_999_999_999L, -18);
		assertCorrectlyRounded(1, -18);
		assertCorrectlyRounded(1, 0);
		assertCorrectlyRounded(100_000_000_000_000_000L, -17);
		assertThat(DecimalDoubles.of(0, -5, false)).isEqualTo(0.0);
		assertThat(Double.doubleToRawLongBits(DecimalDoubles.of(0, -5, true)))
			.isEqualTo(Double.doubleToRawLongBits(-0.0));
		assertThat(DecimalDoubles.of(25, -1, true)).isEqualTo(-2.5);
	}

	private static void assertCorrectlyRounded(long w, int q) {
		double got = DecimalDoubles.of(w, q, false);
		BigDecimal exact = new BigDecimal(BigInteger.valueOf(w), -q);
		BigDecimal mine = new BigDecimal(got);
		BigDecimal error = exact.subtract(mine).abs();
		BigDecimal halfUlp = new BigDecimal(Math.ulp(got)).divide(BigDecimal.valueOf(2), MathContext.UNLIMITED);
		// The ulp below a power of two is half the ulp above it.
		BigDecimal halfUlpBelow = new BigDecimal(got - Math.nextDown(got)).divide(BigDecimal.valueOf(2),
				MathContext.UNLIMITED);
		BigDecimal bound = (exact.compareTo(mine) < 0) ? halfUlpBelow : halfUlp;
		assertThat(error.compareTo(bound)).as("%d × 10^%d gave %s", w, q, got).isLessThanOrEqualTo(0);
		if (error.compareTo(bound) == 0) {
			assertThat(Double.doubleToRawLongBits(got) & 1).as("%d × 10^%d is a tie: even", w, q).isZero();
		}
		assertThat(DecimalDoubles.of(w, q, true)).isEqualTo(-got);
	}

}
