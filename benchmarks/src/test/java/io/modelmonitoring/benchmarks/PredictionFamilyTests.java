package io.modelmonitoring.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The generators against closed-form moments. The expected numbers were worked out by
 * hand from the definitions in {@link PredictionFamily}'s comment and checked with this
 * Python:
 *
 * <pre>
 * import math
 * s5 = math.sqrt(5) / 14                                    # 0.159719141  Beta(2,5), point mass
 * sl = math.sqrt((math.exp(0.25) - 1) * math.exp(0.25))     # 0.603900533  lognormal(0, 0.5)
 * s3 = math.sqrt(0.0549)                                    # 0.234307490  three values
 * 2 / 7 + s5                                                # 0.445433427  Beta(2,5) + 1 sigma
 * math.exp(0.125) + 0.5 * sl                                # 1.435098720  lognormal + 0.5 sigma
 * d = s3 / 0.6; p = (0.5 - d, 0.3, 0.2 + d)                 # three values, 1 sigma
 * sum(a * b for a, b in zip(p, (0.2, 0.5, 0.8)))            # 0.644307490
 * w = 0.95 - s5 * 7 / 5; w + (1 - w) * 2 / 7                # 0.804566573  point mass, 1 sigma
 * </pre>
 */
class PredictionFamilyTests {

	private static final int DRAWS = 200_000;

	@Test
	void eachFamilyKnowsItsClosedFormStandardDeviation() {
		assertThat(PredictionFamily.BETA.sigma()).isCloseTo(0.159719141, within(1e-9));
		assertThat(PredictionFamily.NORMAL.sigma()).isEqualTo(1.0);
		assertThat(PredictionFamily.LOGNORMAL.sigma()).isCloseTo(0.603900533, within(1e-9));
		assertThat(PredictionFamily.THREE_VALUED.sigma()).isCloseTo(0.234307490, within(1e-9));
		assertThat(PredictionFamily.POINT_MASS.sigma()).isCloseTo(0.159719141, within(1e-9));
	}

	@Test
	void healthyBetaDrawsHaveTheMeanAndStandardDeviationOfBetaTwoFive() {
		double[] values = PredictionFamily.BETA.draw(new SplittableRandom(7), DRAWS, 0);

		// The standard error of the mean is 0.16 / sqrt(200 000) = 0.00036.
		assertThat(mean(values)).isCloseTo(2.0 / 7, within(0.002));
		assertThat(standardDeviation(values)).isCloseTo(0.159719141, within(0.002));
		assertThat(Arrays.stream(values).min().orElseThrow()).isPositive();
		assertThat(Arrays.stream(values).max().orElseThrow()).isLessThan(1.0);
	}

	@ParameterizedTest(name = "{0} drifted by {1} sigma has mean {2}")
	@CsvSource({ "BETA, 1, 0.445433427, 0.002", "NORMAL, 0.25, 0.25, 0.012", "LOGNORMAL, 0.5, 1.435098720, 0.007",
			"THREE_VALUED, 1, 0.644307490, 0.003", "POINT_MASS, 0, 0.964285714, 0.002",
			"POINT_MASS, 1, 0.804566573, 0.004" })
	void aDriftOfKSigmaMovesTheMeanByKSigma(PredictionFamily family, double shift, double expectedMean,
			double tolerance) {
		double[] values = family.draw(new SplittableRandom(11), DRAWS, shift);

		assertThat(mean(values)).isCloseTo(expectedMean, within(tolerance));
	}

	@Test
	void theThreeValuedFamilyOnlyEverPredictsItsThreeValues() {
		double[] values = PredictionFamily.THREE_VALUED.draw(new SplittableRandom(3), 10_000, 0.75);

		assertThat(Arrays.stream(values).distinct().sorted().toArray()).containsExactly(0.2, 0.5, 0.8);
	}

	@Test
	void theSameSeedGivesTheSameDraws() {
		assertThat(PredictionFamily.POINT_MASS.draw(new SplittableRandom(5), 100, 0.5))
			.containsExactly(PredictionFamily.POINT_MASS.draw(new SplittableRandom(5), 100, 0.5));
	}

	private static double mean(double[] values) {
		return Arrays.stream(values).average().orElseThrow();
	}

	private static double standardDeviation(double[] values) {
		double mean = mean(values);
		return Math.sqrt(Arrays.stream(values).map((value) -> (value - mean) * (value - mean)).sum() / values.length);
	}

}
