package io.modelmonitoring.scan.drift;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Expected figures come from src/test/resources/drift/psi_reference.py (numpy.quantile,
 * numpy.nextafter, numpy.searchsorted, scipy's Anderson–Darling and chi2.sf, a
 * permutation test of its own), which builds the same samples by the same formulas.
 */
class PsiTests {

	static Stream<Arguments> referenceCases() {
		return Stream.of(
				// ties_on_edges: psi=0.2490335997605932 k=7 noise=0.25
				// p[monte-carlo(20000)]=0.06219689015549223
				Arguments.of("ties_on_edges", concat(repeat(0.1, 20), repeat(0.2, 20), repeat(0.3, 20)),
						concat(repeat(0.1, 5), repeat(0.2, 20), repeat(0.3, 15)), 0.2490335997605932,
						0.06219689015549223, 0.25, 7,
						new double[] { 0.09999999999999999, 0.1, 0.19999999999999998, 0.2, 0.29999999999999993, 0.3 }),
				// identical_baseline: psi=1.7953732653935202 k=3 noise=0.1
				// p[monte-carlo(20000)]=4.999750012499375e-05
				Arguments.of("identical_baseline", repeat(0.5, 40), cycle(new double[] { 0.4, 0.5, 0.6, 0.5 }, 10),
						1.7953732653935202, 4.999750012499375e-05, 0.1, 3, new double[] { 0.49999999999999994, 0.5 }),
				// empty_bins: psi=3.3568604031700358 k=10 noise=0.43714285714285717
				// p[monte-carlo(20000)]=4.999750012499375e-05
				Arguments.of("empty_bins", values(50, (i) -> i / 49.0), values(35, (i) -> 0.01 * (i % 7)),
						3.3568604031700358, 4.999750012499375e-05, 0.43714285714285717, 10,
						new double[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 }),
				// outside_range: psi=2.302359530722661 k=10 noise=0.27
				// p[monte-carlo(20000)]=4.999750012499375e-05
				Arguments.of("outside_range", values(100, (i) -> i / 99.0),
						concat(cycle(new double[] { -5.0, 7.0 }, 20), repeat(0.5, 10)), 2.302359530722661,
						4.999750012499375e-05, 0.27, 10,
						new double[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9000000000000001 }),
				// shifted: psi=0.07722799291961609 k=10 noise=0.12
				// p[monte-carlo(20000)]=0.23983800809959502
				Arguments.of("shifted", values(200, (i) -> ((i * 37) % 101) / 100.0),
						values(120, (i) -> Math.min(1.0, ((i * 53) % 97) / 100.0 + 0.08)), 0.07722799291961609,
						0.23983800809959502, 0.12, 10,
						new double[] { 0.09900000000000003, 0.19800000000000006, 0.3, 0.4, 0.5, 0.6, 0.7029999999999997,
								0.8020000000000003, 0.9009999999999999 }),
				// no_drift: psi=0.011610193603918805 k=10 noise=0.10500000000000001
				// p[monte-carlo(20000)]=1.0
				Arguments.of("no_drift", values(200, (i) -> ((i * 37) % 101) / 100.0),
						values(150, (i) -> ((i * 41) % 101) / 100.0), 0.011610193603918805, 1.0, 0.10500000000000001,
						10,
						new double[] { 0.09900000000000003, 0.19800000000000006, 0.3, 0.4, 0.5, 0.6, 0.7029999999999997,
								0.8020000000000003, 0.9009999999999999 }),
				// collapse_below_point_mass: psi=7.747834523190571 k=3 noise=0.025
				// p[monte-carlo(20000)]=4.999750012499375e-05
				Arguments.of("collapse_below_point_mass", concat(repeat(1.0, 380), values(20, (i) -> (i + 1) / 40.0)),
						repeat(0.5, 100), 7.747834523190571, 4.999750012499375e-05, 0.025, 3,
						new double[] { 0.9999999999999999, 1.0 }),
				// large_windows: psi=0.008133954948689893 k=10 noise=0.0165
				// p[chi2]=0.8803955376799072
				Arguments.of("large_windows", values(1200, (i) -> ((i * 7919) % 1201) / 1200.0),
						values(1000, (i) -> Math.pow(((i * 104729) % 1009) / 1008.0, 1.1)), 0.008133954948689893,
						0.8803955376799072, 0.0165, 10,
						new double[] { 0.09991666666666668, 0.19983333333333336, 0.29975, 0.3996666666666667,
								0.5004166666666667, 0.6003333333333333, 0.7002499999999999, 0.8001666666666667,
								0.9000833333333335 }));
	}

	/**
	 * Counts, unsmoothed shares and each bin's PSI term, against the reference's
	 * {@code histograms}: the terms add up to PSI, and each bin is bounded by the edges
	 * around it.
	 */
	@Test
	void histogramMatchesTheNumpyReference() {
		PsiResult ties = Psi.compute(concat(repeat(0.1, 20), repeat(0.2, 20), repeat(0.3, 20)),
				concat(repeat(0.1, 5), repeat(0.2, 20), repeat(0.3, 15)), 10, 0.5);
		assertHistogram(ties, new double[][] { { 0, 0, 0.0, 0.0, 0.0013694595630518874 },
				{ 20, 5, 0.3333333333333333, 0.125, 0.18410293082099619 }, { 0, 0, 0.0, 0.0, 0.0013694595630518874 },
				{ 20, 20, 0.3333333333333333, 0.5, 0.05614784208512738 }, { 0, 0, 0.0, 0.0, 0.0013694595630518874 },
				{ 20, 15, 0.3333333333333333, 0.375, 0.003304988602262023 },
				{ 0, 0, 0.0, 0.0, 0.0013694595630518874 } });
		PsiResult collapse = Psi.compute(concat(repeat(1.0, 380), values(20, (i) -> (i + 1) / 40.0)), repeat(0.5, 100),
				10, 0.5);
		assertHistogram(collapse, new double[][] { { 20, 100, 0.05, 1.0, 2.784288423914271 },
				{ 380, 0, 0.95, 0.0, 4.9584844815684255 }, { 0, 0, 0.0, 0.0, 0.005061617707874931 } });
		assertThat(collapse.histogram().get(0).lower()).isNull();
		assertThat(collapse.histogram().get(0).upper()).isEqualTo(Math.nextDown(1.0));
		assertThat(collapse.histogram().get(1).lower()).isEqualTo(Math.nextDown(1.0));
		assertThat(collapse.histogram().get(1).upper()).isEqualTo(1.0);
		assertThat(collapse.histogram().get(2).upper()).isNull();
		assertThat(collapse.edges()).containsExactly(Math.nextDown(1.0), 1.0);
	}

	private static void assertHistogram(PsiResult result, double[][] expected) {
		assertThat(result.histogram()).hasSize(expected.length);
		double sum = 0;
		for (int i = 0; i < expected.length; i++) {
			PsiBin bin = result.histogram().get(i);
			assertThat(bin.baselineCount()).as("baseline count of bin %d", i).isEqualTo((long) expected[i][0]);
			assertThat(bin.currentCount()).as("current count of bin %d", i).isEqualTo((long) expected[i][1]);
			assertThat(bin.baselineShare()).as("baseline share of bin %d", i).isEqualTo(expected[i][2]);
			assertThat(bin.currentShare()).as("current share of bin %d", i).isEqualTo(expected[i][3]);
			assertThat(bin.contribution()).as("PSI term of bin %d", i).isCloseTo(expected[i][4], within(1e-15));
			sum += bin.contribution();
		}
		assertThat(sum).isCloseTo(result.psi(), within(1e-12));
	}

	/**
	 * Edges and PSI to the bit (PSI to the last few bits: numpy sums pairwise); the
	 * p-value of a permutation test within the Monte Carlo error of 999 relabellings
	 * against the reference's 20,000, and the χ² tail to 1e-9 where both windows are
	 * large.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("referenceCases")
	void matchesTheNumpyReference(String name, double[] baseline, double[] current, double psi, double pValue,
			double noiseFloor, int bins, double[] edges) {
		PsiResult result = Psi.compute(baseline, current, 10, 0.5);
		assertThat(bits(result.edges())).as("edges, to the bit").containsExactly(bits(edges));
		assertThat(result.bins()).isEqualTo(bins);
		assertThat(result.psi()).isCloseTo(psi, within(1e-12 * Math.max(1, psi)));
		if (Math.min(baseline.length, current.length) >= DriftPValue.ASYMPTOTIC_MIN_SAMPLES) {
			assertThat(result.pValue()).isCloseTo(pValue, within(1e-9 * pValue + 1e-300));
		}
		else {
			assertThat(result.pValue()).isCloseTo(pValue, within(PermutationTolerance.of(pValue)));
		}
		assertThat(result.noiseFloor()).isCloseTo(noiseFloor, within(1e-15));
		assertThat(result.baselineCount()).isEqualTo(baseline.length);
		assertThat(result.currentCount()).isEqualTo(current.length);
	}

	@Test
	void aCollapseBelowAPointMassIsSeen() {
		// 95 % of the baseline at 1.0: the double below 1.0 is an edge, so 0.5 no longer
		// shares
		// the point mass's bin (with the old edges PSI stayed at 0.005).
		double[] baseline = concat(repeat(1.0, 380), values(20, (i) -> (i + 1) / 40.0));
		PsiResult result = Psi.compute(baseline, repeat(0.5, 100), 10, 0.5);
		assertThat(result.psi()).isGreaterThan(7);
		assertThat(result.pValue()).isLessThan(0.01);
	}

	@Test
	void edgesStaySortedAndFiniteAtTheEndsOfTheDoubles() {
		// numpy's lerp overflows here (b - a is infinite) and returns infinities.
		double[] baseline = { -Double.MAX_VALUE, -1e308, -1e308, 0, 1e308, 1e308, Double.MAX_VALUE, Double.MAX_VALUE,
				Double.MAX_VALUE, Double.MAX_VALUE };
		double[] edges = Psi.edges(baseline, 10);
		assertThat(java.util.Arrays.stream(edges).allMatch(Double::isFinite)).as("finite").isTrue();
		assertThat(edges).isSorted().doesNotHaveDuplicates();
		PsiResult result = Psi.compute(baseline, new double[] { -Double.MAX_VALUE, 0, Double.MAX_VALUE }, 10, 0.5);
		assertThat(Double.isFinite(result.psi())).isTrue();
		assertThat(result.pValue()).isBetween(0.0, 1.0);
	}

	@Test
	void aQuantileBetweenTheExtremesOfTheDoublesStaysBetweenThem() {
		double[] sorted = { -Double.MAX_VALUE, Double.MAX_VALUE };
		// By hand: halfway −MAX/2 + MAX/2 = 0; a quarter of the way −MAX·3/4 + MAX/4 =
		// −MAX/2.
		assertThat(Psi.quantile(sorted, 0.5)).isEqualTo(0.0);
		assertThat(Psi.quantile(sorted, 0.25)).isCloseTo(-Double.MAX_VALUE / 2, within(Double.MAX_VALUE * 1e-15));
	}

	@Test
	void thePointMassAtTheLowestDoubleNeedsNoEdgeBelowIt() {
		double[] edges = Psi.edges(concat(repeat(-Double.MAX_VALUE, 30), repeat(1, 10)), 10);
		assertThat(edges).containsExactly(-Double.MAX_VALUE, Math.nextDown(1.0), 1);
	}

	@Test
	void aValueOnAnEdgeFallsInTheBinBelowIt() {
		double[] edges = { 0.1, 0.2, 0.3 };
		assertThat(Psi.counts(new double[] { 0.1, 0.1000000001, 0.2, 0.3, 0.31, -1 }, edges)).containsExactly(2, 2, 1,
				1);
	}

	@Test
	void quantileInterpolatesLinearlyBetweenOrderStatistics() {
		// numpy.quantile([1, 2, 4, 8], [0.25, 0.5, 0.9]) == [1.75, 3.0, 6.8]
		double[] sorted = { 1, 2, 4, 8 };
		assertThat(Psi.quantile(sorted, 0.25)).isEqualTo(1.75);
		assertThat(Psi.quantile(sorted, 0.5)).isEqualTo(3.0);
		assertThat(Psi.quantile(sorted, 0.9)).isCloseTo(6.8, within(1e-15));
	}

	@Test
	void identicalSamplesHaveNoDrift() {
		double[] sample = values(100, (i) -> (i * 7 % 100) / 100.0);
		PsiResult result = Psi.compute(sample, sample.clone(), 10, 0.5);
		assertThat(result.psi()).isZero();
		// Every relabelling is at least as different as two identical windows.
		assertThat(result.pValue()).isEqualTo(1.0);
	}

	@Test
	void doesNotReorderTheCallersBaseline() {
		double[] baseline = { 0.9, 0.1, 0.5 };
		Psi.compute(baseline, new double[] { 0.2 }, 10, 0.5);
		assertThat(baseline).containsExactly(0.9, 0.1, 0.5);
	}

	@Test
	void rejectsArgumentsThatHaveNoPsi() {
		double[] some = { 0.1, 0.2 };
		assertThatIllegalArgumentException().isThrownBy(() -> Psi.compute(new double[0], some, 10, 0.5));
		assertThatIllegalArgumentException().isThrownBy(() -> Psi.compute(some, new double[0], 10, 0.5));
		assertThatIllegalArgumentException().isThrownBy(() -> Psi.compute(some, some, 1, 0.5));
		assertThatIllegalArgumentException().isThrownBy(() -> Psi.compute(some, some, 10, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> Psi.compute(some, some, 10, Double.NaN));
	}

	private static long[] bits(double[] values) {
		return java.util.Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
	}

	private static long[] bits(List<Double> values) {
		return values.stream().mapToLong(Double::doubleToRawLongBits).toArray();
	}

	private static double[] values(int count, IntToDoubleFunction value) {
		return IntStream.range(0, count).mapToDouble(value).toArray();
	}

	private static double[] repeat(double value, int count) {
		return values(count, (i) -> value);
	}

	private static double[] cycle(double[] pattern, int times) {
		return values(pattern.length * times, (i) -> pattern[i % pattern.length]);
	}

	private static double[] concat(double[]... parts) {
		return Stream.of(parts).flatMapToDouble(java.util.Arrays::stream).toArray();
	}

}
