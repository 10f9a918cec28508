package io.modelmonitoring.scan.binning;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import io.modelmonitoring.scan.binning.Groups.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Selection against the reference it stands in for: {@link Arrays#sort(double[])}, bit
 * for bit, at every rank and at random sets of ranks, on every shape of window and on the
 * orders that break naive quickselects.
 */
class OrderStatisticsTests {

	/** How the drawn values are laid out before selection. */
	enum Order {

		DRAWN, SORTED, REVERSED, ORGAN_PIPE

	}

	static LongStream seeds() {
		return LongStream.range(0, 200);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void everyRankHoldsWhatTheSortedArrayHoldsThere(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		Shape shape = Shape.values()[(int) (seed % Shape.values().length)];
		Order order = Order.values()[(int) (seed / Shape.values().length % Order.values().length)];
		int size = (seed < 64) ? (int) seed + 1 : random.nextInt(1, 5001);
		double[] values = arranged(Groups.values(shape, size, random.nextInt(2, 21), 0, random), order);
		double[] sorted = sorted(values);
		double[] before = values.clone();

		long[] everyRank = LongStream.range(0, size).toArray();
		assertThat(bits(OrderStatistics.at(values, everyRank))).as("%s %s, every rank", shape, order)
			.containsExactly(bits(sorted));
		for (int set = 0; set < 5; set++) {
			long[] ranks = randomRanks(size, random);
			assertThat(bits(OrderStatistics.at(values, ranks))).as("%s %s, rank set %d", shape, order, set)
				.containsExactly(bits(at(sorted, ranks)));
		}
		long[] edgeRanks = QuantileEdges.ranks(size, 10);
		assertThat(bits(OrderStatistics.at(values, edgeRanks))).as("%s %s, the edges' ranks", shape, order)
			.containsExactly(bits(at(sorted, edgeRanks)));
		assertThat(bits(values)).as("not modified").containsExactly(bits(before));
	}

	@Test
	void negativeZeroComesBeforeZeroAsInTheSort() {
		double[] values = { 0.0, -0.0, 0.0, -0.0, -Double.MIN_VALUE, Double.MIN_VALUE };
		// By hand: −MIN_VALUE, −0.0, −0.0, 0.0, 0.0, MIN_VALUE.
		assertThat(bits(OrderStatistics.at(values, new long[] { 0, 1, 2, 3, 4, 5 })))
			.containsExactly(bits(new double[] { -Double.MIN_VALUE, -0.0, -0.0, 0.0, 0.0, Double.MIN_VALUE }));
	}

	/**
	 * Key ranges narrower than the buckets (neighbouring doubles), just wider, and wider
	 * than a signed long (−MAX_VALUE to MAX_VALUE), with the values crowded into one
	 * bucket or spread over all.
	 */
	@ParameterizedTest(name = "{0} neighbouring doubles")
	@MethodSource("neighbourCounts")
	void keysNarrowOrWideInRangeAreSelectedAlike(int neighbours) {
		SplittableRandom random = new SplittableRandom(neighbours);
		double[] crowded = IntStream.range(0, 4000)
			.mapToDouble((i) -> Math.scalb(1.0, random.nextInt(2)) + random.nextInt(neighbours) * Math.ulp(1.0))
			.toArray();
		double[] outliers = IntStream.range(0, 4000).mapToDouble((i) -> switch (i % 1000) {
			case 0 -> -Double.MAX_VALUE;
			case 1 -> Double.MAX_VALUE;
			default -> 0.5 + random.nextInt(neighbours) * Math.ulp(0.5);
		}).toArray();
		for (double[] values : new double[][] { crowded, outliers }) {
			long[] ranks = QuantileEdges.ranks(values.length, 20);
			assertThat(bits(OrderStatistics.at(values, ranks))).containsExactly(bits(at(sorted(values), ranks)));
			long[] everyRank = LongStream.range(0, values.length).toArray();
			assertThat(bits(OrderStatistics.at(values, everyRank))).containsExactly(bits(sorted(values)));
		}
	}

	static IntStream neighbourCounts() {
		return IntStream.of(1, 2, 100, OrderStatistics.BUCKETS - 1, OrderStatistics.BUCKETS,
				OrderStatistics.BUCKETS + 1, 3 * OrderStatistics.BUCKETS, 1 << 20);
	}

	/**
	 * A part partitioned as often as the budget allows is sorted instead: with budgets
	 * from none up, that fallback and the partitions before it still give the sort's
	 * order at the ranks.
	 */
	@ParameterizedTest(name = "budget {0}")
	@MethodSource("budgets")
	void aPartOutOfPartitionsIsSortedToTheSameEnd(int budget) {
		SplittableRandom random = new SplittableRandom(budget);
		for (Shape shape : Shape.values()) {
			double[] values = Groups.values(shape, random.nextInt(200, 3000), 10, 0, random);
			long[] sortedKeys = Arrays.stream(values).mapToLong(SortableKeys::of).sorted().toArray();
			long[] keys = Arrays.stream(values).mapToLong(SortableKeys::of).toArray();
			long[] ranks = randomRanks(keys.length, random);

			OrderStatistics.select(keys, ranks, budget);

			for (long rank : ranks) {
				assertThat(keys[(int) rank]).as("%s, rank %d", shape, rank).isEqualTo(sortedKeys[(int) rank]);
			}
			assertThat(Arrays.stream(keys).sorted().toArray()).as("a permutation of the keys")
				.containsExactly(sortedKeys);
		}
	}

	static IntStream budgets() {
		return IntStream.of(0, 1, 2, 3, 5, 8);
	}

	/**
	 * A million values in the orders and ties a quadratic selection would not finish
	 * (10^12 steps; in a thread of its own, so that the test fails instead of hanging);
	 * the expected values by construction.
	 */
	@ParameterizedTest(name = "{0}")
	@EnumSource(Order.class)
	@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
	void aMillionValuesInAnAdversarialOrderAreSelectedQuickly(Order order) {
		int size = 1_000_000;
		// 0, 0, 1, 1, … 499,999, 499,999: the value at rank r is ⌊r/2⌋.
		double[] pairs = arranged(IntStream.range(0, size).mapToDouble((i) -> i / 2).toArray(), order);
		double[] constant = new double[size];
		Arrays.fill(constant, 0.25);
		double[] twoValues = arranged(IntStream.range(0, size).mapToDouble((i) -> (i < size / 3) ? -1 : 1).toArray(),
				order);
		long[] ranks = QuantileEdges.ranks(size, 20);

		// The buckets spread the pairs thin: the quickselect meets their order on all of
		// them only when run on their keys directly.
		long[] pairKeys = Arrays.stream(pairs).mapToLong(SortableKeys::of).toArray();

		double[] fromPairs = OrderStatistics.at(pairs, ranks);
		OrderStatistics.select(pairKeys, ranks, OrderStatistics.partitionBudget(size));
		double[] fromConstant = OrderStatistics.at(constant, ranks);
		double[] fromTwoValues = OrderStatistics.at(twoValues, ranks);

		for (int i = 0; i < ranks.length; i++) {
			assertThat(fromPairs[i]).isEqualTo((double) (ranks[i] / 2));
			assertThat(SortableKeys.value(pairKeys[(int) ranks[i]])).isEqualTo((double) (ranks[i] / 2));
			assertThat(fromConstant[i]).isEqualTo(0.25);
			assertThat(fromTwoValues[i]).isEqualTo((ranks[i] < size / 3) ? -1 : 1);
		}
	}

	@Test
	void noRanksSelectNothing() {
		assertThat(OrderStatistics.at(new double[] { 3, 1, 2 }, new long[0])).isEmpty();
		assertThat(OrderStatistics.at(new double[0], new long[0])).isEmpty();
	}

	@Test
	void refusesWhatHasNoRank() {
		double[] values = { 0.3, 0.1, 0.2 };
		assertThatIllegalArgumentException().isThrownBy(() -> OrderStatistics.at(values, new long[] { 3 }))
			.withMessage("rank 3 is outside the 3 values' ranks");
		assertThatIllegalArgumentException().isThrownBy(() -> OrderStatistics.at(values, new long[] { -1 }))
			.withMessage("rank -1 is outside the 3 values' ranks");
		assertThatIllegalArgumentException().isThrownBy(() -> OrderStatistics.at(values, new long[] { 2, 1 }))
			.withMessage("ranks must be strictly ascending, got 2 before 1");
		assertThatIllegalArgumentException().isThrownBy(() -> OrderStatistics.at(values, new long[] { 1, 1 }))
			.withMessage("ranks must be strictly ascending, got 1 before 1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OrderStatistics.at(new double[] { 0.1, Double.NaN }, new long[] { 0 }))
			.withMessage("value 1 is NaN, which has no rank");
	}

	static double[] arranged(double[] values, Order order) {
		double[] sorted = sorted(values);
		return switch (order) {
			case DRAWN -> values.clone();
			case SORTED -> sorted;
			case REVERSED ->
				IntStream.range(0, sorted.length).mapToDouble((i) -> sorted[sorted.length - 1 - i]).toArray();
			// The even ranks rising, then the odd ones falling.
			case ORGAN_PIPE -> IntStream
				.concat(IntStream.range(0, (sorted.length + 1) / 2).map((i) -> 2 * i),
						IntStream.range(0, sorted.length / 2).map((i) -> sorted.length / 2 * 2 - 1 - 2 * i))
				.mapToDouble((rank) -> sorted[rank])
				.toArray();
		};
	}

	/** Between one rank and all of them, ascending and distinct. */
	private static long[] randomRanks(int size, SplittableRandom random) {
		double share = Math.pow(random.nextDouble(), 3);
		long[] ranks = LongStream.range(0, size).filter((rank) -> random.nextDouble() < share).toArray();
		return (ranks.length > 0) ? ranks : new long[] { random.nextInt(size) };
	}

	private static double[] at(double[] sorted, long[] ranks) {
		return Arrays.stream(ranks).mapToDouble((rank) -> sorted[(int) rank]).toArray();
	}

	private static double[] sorted(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted;
	}

	private static long[] bits(double[] values) {
		return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
	}

}
