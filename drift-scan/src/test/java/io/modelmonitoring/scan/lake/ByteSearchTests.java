package io.modelmonitoring.scan.lake;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The word-at-a-time searches and digits against a byte-at-a-time loop, over every byte
 * value.
 */
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

	@Test
	void eightDigitsAreReadAsTheNumberTheyWriteAndAnythingElseIsRefused() {
		SplittableRandom random = new SplittableRandom(13);
		byte[] bytes = new byte[8];
		for (int run = 0; run < 200_000; run++) {
			for (int i = 0; i < 8; i++) {
				// Mostly digits; else any byte, the neighbours of '0' and '9' most of
				// all.
				int kind = random.nextInt(40);
				bytes[i] = (byte) ((kind == 0) ? random.nextInt(256)
						: (kind == 1) ? "/:\u0000\u00ff".charAt(random.nextInt(4)) : '0' + random.nextInt(10));
			}
			long expected = 0;
			for (byte b : bytes) {
				expected = (b >= '0' && b <= '9' && expected >= 0) ? expected * 10 + (b - '0') : -1;
			}
			assertThat(ByteSearch.eightDigits(ByteSearch.word(bytes, 0))).as("%s", Arrays.toString(bytes))
				.isEqualTo(expected);
		}
		for (byte b = Byte.MIN_VALUE;; b++) {
			Arrays.fill(bytes, (byte) '5');
			bytes[random.nextInt(8)] = b;
			boolean digit = b >= '0' && b <= '9';
			assertThat(ByteSearch.eightDigits(ByteSearch.word(bytes, 0)) >= 0).as("byte %d", b).isEqualTo(digit);
			if (b == Byte.MAX_VALUE) {
				break;
			}
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
