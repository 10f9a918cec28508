package io.modelmonitoring.scan.lake;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The word-at-a-time searches against a byte-at-a-time loop, over every byte value. */
class ByteSearchTests {

	@Test
	void theFirstNewlineIsFoundWhereverItIs() {
		SplittableRandom random = new SplittableRandom(7);
		for (int run = 0; run < 20_000; run++) {
			byte[] bytes = randomBytes(random, (byte) '\n');
			int from = random.nextInt(bytes.length + 1);
			int to = from + random.nextInt(bytes.length - from + 1);

			int expected = -1;
			for (int i = from; i < to && expected < 0; i++) {
				expected = (bytes[i] == '\n') ? i : -1;
			}
			assertThat(ByteSearch.indexOf(bytes, from, to, (byte) '\n')).isEqualTo(expected);
		}
	}

	@Test
	void aPlainStringStopsAtAQuoteABackslashAControlOrANonAsciiByte() {
		SplittableRandom random = new SplittableRandom(11);
		byte[] stops = { '"', '\\', 0, 0x1F, (byte) 0x80, (byte) 0xFF, '\n' };
		for (int run = 0; run < 20_000; run++) {
			byte[] bytes = randomBytes(random, stops[random.nextInt(stops.length)]);
			int from = random.nextInt(bytes.length + 1);
			int to = from + random.nextInt(bytes.length - from + 1);

			int expected = to;
			for (int i = from; i < to; i++) {
				int c = bytes[i] & 0xFF;
				if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) {
					expected = i;
					break;
				}
			}
			assertThat(ByteSearch.stringStop(bytes, from, to)).isEqualTo(expected);
		}
	}

	/** Mostly printable ASCII, with the given byte and now and then any byte at all. */
	private static byte[] randomBytes(SplittableRandom random, byte sought) {
		byte[] bytes = new byte[random.nextInt(40)];
		for (int i = 0; i < bytes.length; i++) {
			int kind = random.nextInt(20);
			bytes[i] = (kind == 0) ? sought
					: (kind == 1) ? (byte) random.nextInt(256) : (byte) (0x20 + random.nextInt(0x5F));
		}
		return bytes;
	}

}
