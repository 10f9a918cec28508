package io.modelmonitoring.scan.lake;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Searches of a line's bytes eight at a time (the bit tricks of "Bit Twiddling Hacks",
 * haszero and hasless): a scan's newline search and string scans read every byte of the
 * lake, and a word at a time costs a fraction of a byte at a time. In each word, the
 * lowest byte flagged is exact (a false flag only ever sits above a true one), and the
 * words are read little-endian, so the lowest flagged byte is the first in the line.
 */
final class ByteSearch {

	private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final long ONES = 0x0101010101010101L;

	private static final long HIGHS = 0x8080808080808080L;

	private static final long QUOTES = ONES * '"';

	private static final long BACKSLASHES = ONES * '\\';

	private static final long SPACES = ONES * 0x20;

	private ByteSearch() {
	}

	/**
	 * The index of the first {@code target} from {@code from} to before {@code to}, or
	 * -1.
	 */
	static int indexOf(byte[] b, int from, int to, byte target) {
		long pattern = ONES * (target & 0xFF);
		int i = from;
		for (; i + Long.BYTES <= to; i += Long.BYTES) {
			long found = zeros((long) WORDS.get(b, i) ^ pattern);
			if (found != 0) {
				return i + (Long.numberOfTrailingZeros(found) >>> 3);
			}
		}
		for (; i < to; i++) {
			if (b[i] == target) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The index of the first byte from {@code from} that ends a plain string: a quote, a
	 * backslash, a control character or any byte of 0x80 and above; {@code to} when none
	 * comes before it.
	 */
	static int stringStop(byte[] b, int from, int to) {
		int i = from;
		for (; i + Long.BYTES <= to; i += Long.BYTES) {
			long word = (long) WORDS.get(b, i);
			long found = zeros(word ^ QUOTES) | zeros(word ^ BACKSLASHES) | ((word - SPACES) & ~word & HIGHS)
					| (word & HIGHS);
			if (found != 0) {
				return i + (Long.numberOfTrailingZeros(found) >>> 3);
			}
		}
		for (; i < to; i++) {
			byte c = b[i];
			if (c == '"' || c == '\\' || c < 0x20) { // also every byte of 0x80 and above
				return i;
			}
		}
		return to;
	}

	/** The eight bytes from {@code i}, the first in the lowest byte. */
	static long word(byte[] b, int i) {
		return (long) WORDS.get(b, i);
	}

	/**
	 * The number eight ASCII digits write (the first digit in the lowest byte), or -1
	 * when a byte is no digit; the digits are combined pairwise, then in fours.
	 */
	static long eightDigits(long word) {
		if ((((word + 0x4646464646464646L) | (word - 0x3030303030303030L)) & HIGHS) != 0) {
			return -1;
		}
		long value = ((word & 0x0F0F0F0F0F0F0F0FL) * 2561) >>> 8;
		value = ((value & 0x00FF00FF00FF00FFL) * 6553601) >>> 16;
		return ((value & 0x0000FFFF0000FFFFL) * 42949672960001L) >>> 32;
	}

	/** A mask of the low {@code count} bytes of a word (0 to 8). */
	static long lowBytes(int count) {
		return (count >= Long.BYTES) ? -1L : (1L << (Long.SIZE / Long.BYTES * count)) - 1;
	}

	/** The high bit of each zero byte of the word (and maybe of bytes above one). */
	private static long zeros(long word) {
		return (word - ONES) & ~word & HIGHS;
	}

}
