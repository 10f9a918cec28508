package io.modelmonitoring.scan.binning;

import java.util.SplittableRandom;

import io.modelmonitoring.scan.Serialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reservoir's stream is the JDK's SplittableRandom's, draw for draw. */
class SeededRandomTests {

	@Test
	void drawsWhatSplittableRandomDraws() {
		long[] seeds = { 0, 1, -1, 42, Long.MIN_VALUE, Long.MAX_VALUE, 0x5DEECE66DL };
		long[] longBounds = { 1, 2, 3, 7, 1024, 4097, 1L << 40, (1L << 62) + 3, Long.MAX_VALUE };
		int[] intBounds = { 1, 2, 5, 4096, 10_007, Integer.MAX_VALUE };
		for (long seed : seeds) {
			SplittableRandom jdk = new SplittableRandom(seed);
			SeededRandom ours = new SeededRandom(seed);
			for (int i = 0; i < 2000; i++) {
				assertThat(ours.nextLong(longBounds[i % longBounds.length]))
					.isEqualTo(jdk.nextLong(longBounds[i % longBounds.length]));
				assertThat(ours.nextInt(intBounds[i % intBounds.length]))
					.isEqualTo(jdk.nextInt(intBounds[i % intBounds.length]));
			}
		}
	}

	@Test
	void goesOnWhereItStoppedAfterTravelling() {
		SeededRandom random = new SeededRandom(7);
		random.nextLong(100);
		SeededRandom copy = Serialization.travelled(random);
		assertThat(copy.nextLong(1000)).isEqualTo(random.nextLong(1000));
	}

}
