package io.modelmonitoring.scan.binning;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import io.modelmonitoring.scan.binning.Groups.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edges of a baseline in any order, by selection, are those of the sorted baseline
 * (the arithmetic PsiTests pins against numpy) to the bit.
 */
class QuantileEdgesTests {

	static LongStream seeds() {
		return LongStream.range(0, 120);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void edgesBySelectionAreThoseOfTheSortedBaseline(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		Shape shape = Shape.values()[(int) (seed % Shape.values().length)];
		OrderStatisticsTests.Order order = OrderStatisticsTests.Order.values()[random
			.nextInt(OrderStatisticsTests.Order.values().length)];
		int bins = random.nextInt(2, 21);
		int size = (seed < 30) ? (int) seed + 1 : random.nextInt(1, 60_000);
		double[] baseline = OrderStatisticsTests.arranged(Groups.values(shape, size, bins, 0, random), order);

		double[] sorted = baseline.clone();
		Arrays.sort(sorted);
		assertThat(TwoPassBinningTests.bits(QuantileEdges.ofUnsorted(baseline, bins))).as("%s %s", shape, order)
			.containsExactly(TwoPassBinningTests.bits(QuantileEdges.ofSorted(sorted, bins)));
	}

}
