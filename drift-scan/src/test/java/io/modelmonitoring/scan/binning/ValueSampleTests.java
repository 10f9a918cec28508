package io.modelmonitoring.scan.binning;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValueSampleTests {

	private static final int CAPACITY = 64;

	@Test
	void aWindowThatFitsIsKeptWholeAndInOrder() {
		ValueSample sample = fed(0, 40);
		ValueSample later = fed(40, 24);

		sample.merge(later);

		assertThat(sample.exact()).isTrue();
		assertThat(sample.count()).isEqualTo(64);
		assertThat(sample.kept()).containsExactly(positions(0, 64));
	}

	@Test
	void theSameValuesInTheSameFilesGiveTheSameSample() {
		assertThat(merged(0, 7, 1000, 5000, 300)).containsExactly(merged(0, 7, 1000, 5000, 300));
		assertThat(merged(0, 7, 1000, 5000, 300)).isNotEqualTo(merged(1, 7, 1000, 5000, 300));
	}

	@Test
	void twoFilesOfOtherValuesKeepOtherPositions() {
		// one seed for all would make every file's reservoir keep the same positions
		ValueSample first = fed(0, 10_000);
		ValueSample second = fed(10_000, 10_000);

		double[] firstPositions = first.sorted();
		double[] secondPositions = Arrays.stream(second.sorted()).map((value) -> value - 10_000).toArray();

		assertThat(firstPositions).isNotEqualTo(secondPositions);
	}

	/**
	 * Every position of a stream of 3·capacity values, fed in 1 to 4 files of random
	 * sizes and merged in order, is kept in a third of 3,000 trials, as a uniform sample
	 * keeps it: a χ² test on the inclusion counts, whose variance is T·p·(1−p) for
	 * sampling without replacement.
	 */
	@Test
	void everyPositionIsKeptAsOftenAsAUniformSampleKeepsIt() {
		int size = 3 * CAPACITY;
		int trials = 3000;
		long[] kept = new long[size];
		SplittableRandom splits = new SplittableRandom(42);
		for (int trial = 0; trial < trials; trial++) {
			int files = 1 + splits.nextInt(4);
			int[] cuts = new int[files + 1];
			cuts[files] = size;
			for (int f = 1; f < files; f++) {
				cuts[f] = splits.nextInt(size + 1);
			}
			Arrays.sort(cuts);
			double offset = (double) trial * size;
			ValueSample sample = fed(offset, cuts[1]);
			for (int f = 1; f < files; f++) {
				sample.merge(fed(offset + cuts[f], cuts[f + 1] - cuts[f]));
			}
			double[] values = sample.sorted();
			assertThat(values).hasSize(CAPACITY).doesNotHaveDuplicates();
			for (double value : values) {
				kept[(int) (value - offset)]++;
			}
		}
		double share = (double) CAPACITY / size;
		double expected = trials * share;
		double statistic = 0;
		for (long count : kept) {
			statistic += (count - expected) * (count - expected) / (expected * (1 - share));
		}
		double pValue = 1 - new ChiSquaredDistribution(size - 1).cumulativeProbability(statistic);

		assertThat(pValue).as("χ² = %s on %d degrees of freedom", statistic, size - 1).isGreaterThan(0.001);
	}

	@Test
	void aSampleThatKeptOnlyTheFirstValuesWouldFailTheUniformityCheck() {
		// the check's own power: the first third always, the rest never
		int size = 3 * CAPACITY;
		int trials = 3000;
		double share = (double) CAPACITY / size;
		double expected = trials * share;
		double statistic = 0;
		for (int position = 0; position < size; position++) {
			double count = (position < CAPACITY) ? trials : 0;
			statistic += (count - expected) * (count - expected) / (expected * (1 - share));
		}
		assertThat(1 - new ChiSquaredDistribution(size - 1).cumulativeProbability(statistic)).isLessThan(0.001);
	}

	private static double[] merged(double first, int... sizes) {
		ValueSample sample = fed(first, sizes[0]);
		double next = first + sizes[0];
		for (int f = 1; f < sizes.length; f++) {
			sample.merge(fed(next, sizes[f]));
			next += sizes[f];
		}
		return sample.kept();
	}

	private static ValueSample fed(double first, int count) {
		ValueSample sample = new ValueSample(CAPACITY);
		for (int i = 0; i < count; i++) {
			sample.add(first + i);
		}
		return sample;
	}

	private static double[] positions(int first, int count) {
		double[] positions = new double[count];
		for (int i = 0; i < count; i++) {
			positions[i] = first + i;
		}
		return positions;
	}

}
