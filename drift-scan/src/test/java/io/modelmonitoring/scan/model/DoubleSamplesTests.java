package io.modelmonitoring.scan.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list keeps every value in order across its open array and its chunks, whether
 * values come one by one or as other lists, of any size around a chunk's.
 */
class DoubleSamplesTests {

	@Test
	void valuesAddedOneByOneOrAsListsComeBackInOrder() {
		SplittableRandom random = new SplittableRandom(7);
		DoubleSamples samples = new DoubleSamples();
		List<Double> expected = new ArrayList<>();
		double next = 0;
		for (int round = 0; round < 150; round++) {
			int count = switch (random.nextInt(4)) {
				case 0 -> random.nextInt(3);
				case 1 -> random.nextInt(8190, 8195);
				case 2 -> random.nextInt(20_000);
				default -> random.nextInt(600);
			};
			if (random.nextBoolean()) {
				for (int i = 0; i < count; i++) {
					samples.add(next);
					expected.add(next++);
				}
			}
			else {
				DoubleSamples other = new DoubleSamples(random.nextInt(1, 40_000));
				for (int i = 0; i < count; i++) {
					other.add(next);
					expected.add(next++);
				}
				assertThat(other.size()).isEqualTo(count);
				samples.addAll(other);
			}
			assertThat(samples.size()).isEqualTo(expected.size());
		}

		// isEqualTo compares the arrays in one pass (containsExactly diffs them
		// pairwise, slow at a million values).
		assertThat(samples.toArray()).isEqualTo(expected.stream().mapToDouble(Double::doubleValue).toArray());
	}

	@Test
	void aClearedListHoldsNothingAndFillsAgain() {
		DoubleSamples samples = new DoubleSamples();
		for (int i = 0; i < 50_000; i++) {
			samples.add(i);
		}

		samples.clear();

		assertThat(samples.size()).isZero();
		assertThat(samples.toArray()).isEmpty();
		for (int i = 0; i < 9_000; i++) {
			samples.add(-i);
		}
		double[] values = samples.toArray();
		assertThat(values).hasSize(9_000);
		assertThat(values[0]).isEqualTo(-0.0);
		assertThat(values[8_999]).isEqualTo(-8_999.0);
	}

}
