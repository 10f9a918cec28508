package io.modelmonitoring.mlservice.drift;

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
 * numpy.searchsorted, scipy.stats.chi2.sf), which builds the same samples by the same
 * formulas.
 */
class PsiTests {

	static Stream<Arguments> referenceCases() {
		return Stream.of(
				// ties_on_edges: psi=0.2519944111402347 p=0.10930452782826396 noise=0.125
				// k=4
				// edges=[0.1, 0.2, 0.3]
				Arguments.of("ties_on_edges", concat(repeat(0.1, 20), repeat(0.2, 20), repeat(0.3, 20)),
						concat(repeat(0.1, 5), repeat(0.2, 20), repeat(0.3, 15)), 0.2519944111402347,
						0.10930452782826396, 0.125, 4, new double[] { 0.1, 0.2, 0.3 }),
				// identical_baseline: psi=0.8117311532250123 p=5.5961954296047134e-05
				// noise=0.05 k=2
				Arguments.of("identical_baseline", repeat(0.5, 40), cycle(new double[] { 0.4, 0.5, 0.6, 0.5 }, 10),
						0.8117311532250123, 5.5961954296047134e-05, 0.05, 2, new double[] { 0.5 }),
				// empty_bins: psi=3.3568604031700358 p=2.2732479553024005e-11
				// noise=0.43714285714285717
				Arguments.of("empty_bins", values(50, (i) -> i / 49.0), values(35, (i) -> 0.01 * (i % 7)),
						3.3568604031700358, 2.2732479553024005e-11, 0.43714285714285717, 10,
						new double[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 }),
				// outside_range: psi=2.302359530722661 p=7.140995825168186e-13 noise=0.27
				Arguments.of("outside_range", values(100, (i) -> i / 99.0),
						concat(cycle(new double[] { -5.0, 7.0 }, 20), repeat(0.5, 10)), 2.302359530722661,
						7.140995825168186e-13, 0.27, 10,
						new double[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9000000000000001 }),
				// shifted: psi=0.07722799291961607 p=0.760532066944152 noise=0.12
				Arguments.of("shifted", values(200, (i) -> ((i * 37) % 101) / 100.0),
						values(120, (i) -> Math.min(1.0, ((i * 53) % 97) / 100.0 + 0.08)), 0.07722799291961607,
						0.760532066944152, 0.12, 10,
						new double[] { 0.09900000000000003, 0.19800000000000006, 0.3, 0.4, 0.5, 0.6, 0.7029999999999997,
								0.8020000000000003, 0.9009999999999999 }),
				// no_drift: psi=0.011610193603918805 p=0.9994485769046543
				// noise=0.10500000000000001
				Arguments.of("no_drift", values(200, (i) -> ((i * 37) % 101) / 100.0),
						values(150, (i) -> ((i * 41) % 101) / 100.0), 0.011610193603918805, 0.9994485769046543,
						0.10500000000000001, 10, new double[] { 0.09900000000000003, 0.19800000000000006, 0.3, 0.4, 0.5,
								0.6, 0.7029999999999997, 0.8020000000000003, 0.9009999999999999 }));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("referenceCases")
	void matchesTheNumpyReference(String name, double[] baseline, double[] current, double psi, double pValue,
			double noiseFloor, int bins, double[] edges) {
		PsiResult result = Psi.compute(baseline, current, 10, 0.5);
		assertThat(Psi.edges(baseline, 10)).as("edges, to the bit").containsExactly(edges);
		assertThat(result.bins()).isEqualTo(bins);
		assertThat(result.psi()).isCloseTo(psi, within(1e-12 * Math.max(1, psi)));
		assertThat(result.pValue()).isCloseTo(pValue, within(1e-9 * pValue + 1e-300));
		assertThat(result.noiseFloor()).isCloseTo(noiseFloor, within(1e-15));
		assertThat(result.baselineCount()).isEqualTo(baseline.length);
		assertThat(result.currentCount()).isEqualTo(current.length);
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
