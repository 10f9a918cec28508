package io.modelmonitoring.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WindowBinsTests {

	/*
	 * Expected values from numpy:
	 *
	 * def psi(b, c, a=0.5): b = np.array(b, float); c = np.array(c, float); K = len(b) pb
	 * = (b + a) / (b.sum() + a * K); pc = (c + a) / (c.sum() + a * K) return float(((pc -
	 * pb) * np.log(pc / pb)).sum())
	 *
	 * psi([10, 20, 30], [30, 20, 10]) = 0.693561903382041 psi([0, 5, 0, 7], [3, 0, 4, 1])
	 * = 2.964769231497841
	 */

	@Test
	void psiIsSpecSixOnTheSmoothedSharesOfEdgesPlusOneBins() {
		WindowBins bins = new WindowBins(List.of(0.2, 0.6), new long[] { 10, 20, 30 }, new long[] { 30, 20, 10 });

		assertThat(bins.baselineCount()).isEqualTo(60);
		assertThat(bins.currentCount()).isEqualTo(60);
		assertThat(bins.psi(0.5)).isCloseTo(0.693561903382041, within(1e-15));
	}

	@Test
	void emptyBinsCountWithTheSmoothingAlone() {
		WindowBins bins = new WindowBins(List.of(0.1, 0.2, 0.3), new long[] { 0, 5, 0, 7 }, new long[] { 3, 0, 4, 1 });

		assertThat(bins.psi(0.5)).isCloseTo(2.964769231497841, within(1e-14));
	}

}
