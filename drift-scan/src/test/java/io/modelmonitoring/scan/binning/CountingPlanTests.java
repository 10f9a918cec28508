package io.modelmonitoring.scan.binning;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.DoubleStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bucket of a key, found through the plan's table of cells, against the definition:
 * the last bucket whose start is at or below the key, by a scan of every start.
 */
class CountingPlanTests {

	private static final double[] NO_SAMPLE = new double[0];

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3, 4, 5 })
	void everyKeyFallsInTheLastBucketStartingAtOrBelowIt(int shape) {
		SplittableRandom random = new SplittableRandom(shape);
		double[] edges = edges(shape, random);
		CountingPlan plan = CountingPlan.aligned(edges, 1000, 1000, 10, NO_SAMPLE, NO_SAMPLE);

		long[] keys = new long[20_000];
		int size = 0;
		for (int b = 0; b < plan.buckets(); b++) {
			// every start, the key before it and the one after it
			for (long delta = -1; delta <= 1; delta++) {
				keys[size++] = plan.start(b) + delta;
			}
		}
		keys[size++] = Long.MIN_VALUE;
		keys[size++] = Long.MAX_VALUE;
		keys[size++] = SortableKeys.of(Double.NEGATIVE_INFINITY);
		keys[size++] = SortableKeys.of(Double.POSITIVE_INFINITY);
		keys[size++] = SortableKeys.of(-0.0);
		keys[size++] = SortableKeys.of(0.0);
		while (size < keys.length) {
			keys[size++] = (random.nextBoolean() || edges.length == 0) ? random.nextLong()
					: SortableKeys.of(edges[random.nextInt(edges.length)] * (1 + random.nextGaussian() / 1e6));
		}

		for (long key : keys) {
			assertThat(plan.bucketOf(key)).as("key %d", key).isEqualTo(lastStartAtOrBelow(plan, key));
		}
	}

	/** Edges spread, clustered, far apart, on both sides of zero, or none. */
	private static double[] edges(int shape, SplittableRandom random) {
		DoubleStream values = switch (shape) {
			case 0 -> DoubleStream.generate(random::nextGaussian).limit(9);
			// many starts in one cell of the table, a few far away
			case 1 -> DoubleStream.concat(DoubleStream.iterate(1.0, (v) -> Math.nextUp(v)).limit(40),
					DoubleStream.of(-1e300, 1e300));
			case 2 -> DoubleStream.of(-Double.MAX_VALUE, Double.MAX_VALUE);
			case 3 -> DoubleStream.of(0.0);
			case 4 -> DoubleStream.empty();
			default ->
				DoubleStream.generate(() -> Math.scalb(random.nextDouble() - 0.5, random.nextInt(-60, 60))).limit(200);
		};
		double[] edges = values.toArray();
		Arrays.sort(edges);
		return Arrays.stream(edges).distinct().toArray();
	}

	private static int lastStartAtOrBelow(CountingPlan plan, long key) {
		int bucket = 0;
		for (int b = 0; b < plan.buckets(); b++) {
			if (plan.start(b) <= key) {
				bucket = b;
			}
		}
		return bucket;
	}

}
