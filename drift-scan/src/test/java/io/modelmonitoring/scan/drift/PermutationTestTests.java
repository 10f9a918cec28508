package io.modelmonitoring.scan.drift;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Expected figures come from src/test/resources/drift/psi_reference.py: scipy's
 * Anderson–Darling (the midrank A2akN) and an exact permutation test over every
 * relabelling of windows small enough to enumerate.
 */
class PermutationTestTests {

	static Stream<Arguments> tinyWindows() {
		return Stream.of(
				// tiny_shift: exact p=0.007575757575757576 psi=1.0717096062299727
				// ad=4.222873636131361
				Arguments.of("tiny_shift", new double[] { 0.11, 0.23, 0.35, 0.42, 0.47, 0.58 },
						new double[] { 0.52, 0.61, 0.66, 0.74, 0.83, 0.97 }, 0.007575757575757576, 1.0717096062299727,
						4.222873636131361),
				// tiny_mixed: exact p=0.5714285714285714 psi=0.6921204526855127
				// ad=0.38269603640968763
				Arguments.of("tiny_mixed", new double[] { 0.11, 0.52, 0.35, 0.74, 0.47, 0.97 },
						new double[] { 0.23, 0.61, 0.66, 0.42, 0.83, 0.58 }, 0.5714285714285714, 0.6921204526855127,
						0.38269603640968763),
				// tiny_ties: exact p=0.30735930735930733 psi=0.5790798116362871
				// ad=1.91810443984357
				Arguments.of("tiny_ties", new double[] { 0.2, 0.2, 0.5, 0.5, 0.5, 0.8 },
						new double[] { 0.5, 0.8, 0.8, 0.8, 0.2, 0.8 }, 0.30735930735930733, 0.5790798116362871,
						1.91810443984357));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tinyWindows")
	void estimatesTheExactPermutationPValue(String name, double[] baseline, double[] current, double exactP, double psi,
			double andersonDarling) {
		double[] sortedBaseline = sorted(baseline);
		double[] sortedCurrent = sorted(current);
		Relabelling observed = new Relabelling(sortedBaseline, sortedCurrent, 10, 0.5);
		assertThat(observed.psi()).isCloseTo(psi, within(1e-12));
		assertThat(observed.andersonDarling()).isCloseTo(andersonDarling, within(1e-12));
		double pValue = PermutationTest.pValue(sortedBaseline, sortedCurrent, 10, 0.5);
		assertThat(pValue).isCloseTo(exactP, within(PermutationTolerance.of(exactP)));
	}

	@Test
	void theSameWindowsInAnotherOrderGiveTheSamePValue() {
		double[] baseline = { 0.11, 0.52, 0.35, 0.74, 0.47, 0.97, 0.3, 0.31 };
		double[] current = { 0.23, 0.61, 0.66, 0.42, 0.83, 0.58 };
		double[] reversedBaseline = { 0.31, 0.3, 0.97, 0.47, 0.74, 0.35, 0.52, 0.11 };
		double[] reversedCurrent = { 0.58, 0.83, 0.42, 0.66, 0.61, 0.23 };
		PsiResult result = Psi.compute(baseline, current, 10, 0.5);
		PsiResult again = Psi.compute(reversedBaseline, reversedCurrent, 10, 0.5);
		assertThat(Double.doubleToRawLongBits(again.pValue())).isEqualTo(Double.doubleToRawLongBits(result.pValue()));
		assertThat(Double.doubleToRawLongBits(again.psi())).isEqualTo(Double.doubleToRawLongBits(result.psi()));
	}

	@Test
	void theObservedRoundIsThePsiOfTheWindowsToTheBit() {
		SplittableRandom random = new SplittableRandom(3);
		double[] baseline = sorted(random.doubles(300).map((u) -> Math.floor(u * 20) / 20).toArray());
		double[] current = sorted(random.doubles(70).map((u) -> u * u).toArray());
		double psi = Psi.compute(baseline, current, 10, 0.5).psi();
		assertThat(Double.doubleToRawLongBits(new Relabelling(baseline, current, 10, 0.5).psi()))
			.isEqualTo(Double.doubleToRawLongBits(psi));
	}

	@Test
	void aPairFarFromTheGateStopsAfterTheFirstStage() {
		// tiny_mixed: exact p 0.57, so the first 200 rounds settle it.
		double pValue = PermutationTest.pValue(sorted(new double[] { 0.11, 0.52, 0.35, 0.74, 0.47, 0.97 }),
				sorted(new double[] { 0.23, 0.61, 0.66, 0.42, 0.83, 0.58 }), 10, 0.5);
		double counted = pValue * (PermutationTest.FIRST_ROUNDS + 1);
		assertThat(counted).isCloseTo(Math.rint(counted), within(1e-9));
		// tiny_shift: exact p 0.0076, below the stop, so all 1,000 rounds count.
		double shifted = PermutationTest.pValue(sorted(new double[] { 0.11, 0.23, 0.35, 0.42, 0.47, 0.58 }),
				sorted(new double[] { 0.52, 0.61, 0.66, 0.74, 0.83, 0.97 }), 10, 0.5);
		assertThat(shifted).isLessThan(PermutationTest.STOP_AT);
	}

	@Test
	void combinesTheTwoStatisticsByTheSmallerOfTheirPValues() {
		// By hand: rounds at least as large, PSI 3, 1, 4, 2 and AD 1, 2, 3, 4; the
		// smaller of
		// the two 1, 1, 3, 2; two of the four rounds are at most round 0's 1: p = 2/4.
		double[] psi = { 0.2, 0.9, 0.1, 0.5 };
		double[] andersonDarling = { 4, 3, 2, 1 };
		assertThat(PermutationTest.atLeastAsLarge(psi)).containsExactly(3, 1, 4, 2);
		assertThat(PermutationTest.combinedPValue(psi, andersonDarling)).isEqualTo(0.5);
	}

	@Test
	void aSubsampleIsSortedDrawnFromTheWindowAndOfTheSizeAskedFor() {
		double[] sorted = sorted(new SplittableRandom(5).doubles(10_000).toArray());
		double[] subsample = PermutationTest.subsample(sorted, 1_234, new SplittableRandom(9));
		assertThat(subsample).hasSize(1_234).isSorted();
		assertThat(sorted).contains(subsample);
	}

	/**
	 * No drift: both windows drawn from one distribution, 400 pairs a case with fixed
	 * seeds. A calibrated p-value is at most 0.05 in about 5 % of pairs and at most 0.01
	 * in about 1 %; the bounds are the binomial's 99.9 % quantiles (scipy.stats.binom.ppf
	 * (0.999, 400, 0.05) = 35, (0.999, 400, 0.01) = 11; the lower bound ppf(0.001, 400,
	 * 0.05) = 8), and the lower bound makes sure the test is not merely conservative (the
	 * χ² tail gives no p-value below 0.05 at 30/30).
	 */
	@ParameterizedTest(name = "{0} at {1}/{2}")
	@MethodSource("healthyCases")
	void withNoDriftThePValueIsCalibrated(String family, int n, int m) {
		SplittableRandom random = new SplittableRandom(20261201L + n * 31L + m + family.hashCode());
		int atMost5 = 0;
		int atMost1 = 0;
		for (int pair = 0; pair < 400; pair++) {
			double[] baseline = draw(family, n, random);
			double[] current = draw(family, m, random);
			double pValue = Psi.compute(baseline, current, 10, 0.5).pValue();
			atMost5 += (pValue <= 0.05) ? 1 : 0;
			atMost1 += (pValue <= 0.01) ? 1 : 0;
		}
		assertThat(atMost5).as("pairs with p ≤ 0.05 of 400").isBetween(family.equals("three-valued") ? 0 : 8, 35);
		assertThat(atMost1).as("pairs with p ≤ 0.01 of 400").isLessThanOrEqualTo(11);
	}

	static Stream<Arguments> healthyCases() {
		return Stream.of(Arguments.of("uniform", 30, 30), Arguments.of("uniform", 100, 30),
				Arguments.of("three-valued", 30, 30), Arguments.of("three-valued", 400, 100));
	}

	@Test
	void aOneSigmaShiftAtThirtyAgainstThirtyIsUsuallyCaught() {
		// Normal(0, 1) against Normal(1, 1), 30 values each: the target is 50 %; a
		// two-sample
		// KS test at 0.01 catches 64 to 73 % (scipy.stats.ks_2samp, two runs of 200
		// pairs).
		SplittableRandom random = new SplittableRandom(11);
		int caught = 0;
		for (int pair = 0; pair < 200; pair++) {
			double[] baseline = normal(30, 0, random);
			double[] current = normal(30, 1, random);
			PsiResult result = Psi.compute(baseline, current, 10, 0.5);
			caught += (result.psi() > 0.2 && result.pValue() < 0.01) ? 1 : 0;
		}
		assertThat(caught).as("of 200 shifted pairs").isGreaterThanOrEqualTo(120);
	}

	private static double[] draw(String family, int size, SplittableRandom random) {
		return switch (family) {
			case "uniform" -> random.doubles(size).toArray();
			case "three-valued" -> random.doubles(size).map((u) -> (u < 0.5) ? 0.2 : (u < 0.8) ? 0.5 : 0.8).toArray();
			default -> throw new IllegalArgumentException(family);
		};
	}

	/** Box–Muller, so the draws depend on the seed alone. */
	private static double[] normal(int size, double mean, SplittableRandom random) {
		double[] values = new double[size];
		for (int i = 0; i < size; i++) {
			double u = 1 - random.nextDouble();
			double v = random.nextDouble();
			values[i] = mean + Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
		}
		return values;
	}

	private static double[] sorted(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted;
	}

}
