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

	/**
	 * A value's bin is the number of edges strictly below it, whether counted edge by
	 * edge (up to 16 edges) or found by binary search (more): values on, between and
	 * beside the edges, and edges a point mass doubles with the double just below it.
	 */
	@ParameterizedTest(name = "{0} edges")
	@MethodSource("edgeCounts")
	void everyValueFallsInTheBinOfTheEdgesStrictlyBelowIt(int edgeCount) {
		SplittableRandom random = new SplittableRandom(edgeCount);
		double[] edges = new double[edgeCount];
		for (int k = 0; k < edgeCount; k++) {
			edges[k] = (k == 0) ? random.nextDouble(-2, 2) : edges[k - 1] + random.nextDouble(0.001, 1);
			if (k > 0 && random.nextInt(4) == 0) {
				edges[k] = Math.nextUp(edges[k - 1]);
			}
		}
		double[] values = new double[5_000];
		for (int i = 0; i < values.length; i++) {
			double edge = (edgeCount == 0) ? 0 : edges[random.nextInt(edgeCount)];
			values[i] = switch (random.nextInt(4)) {
				case 0 -> edge;
				case 1 -> Math.nextDown(edge);
				case 2 -> Math.nextUp(edge);
				default -> random.nextDouble(-3, edgeCount + 3);
			};
		}

		long[] expected = new long[edgeCount + 1];
		for (double value : values) {
			int below = 0;
			while (below < edgeCount && edges[below] < value) {
				below++;
			}
			expected[below]++;
		}
		assertThat(QuantileEdges.counts(values, edges)).containsExactly(expected);
	}

	static int[] edgeCounts() {
		return new int[] { 0, 1, 2, 9, 16, 17, 18, 40 };
	}

}
