package io.modelmonitoring.scan.lake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One String per distinct short ASCII value of a stream (tenants, models, segment
 * values), looked up by its bytes: a line allocates no String for a value seen before,
 * and the maps keyed by these Strings find their hash cached and the same reference.
 * Bounded: past {@link #MAX_ENTRIES} values, or for values over {@link #MAX_LENGTH}
 * bytes, a new String is made each time, which is only slower. Not thread-safe.
 */
final class InternedStrings {

	static final int MAX_ENTRIES = 4096;

	static final int MAX_LENGTH = 128;

	/**
	 * Values of up to two words (most tenant and model ids) are compared as two longs,
	 * without a call to compare arrays.
	 */
	private static final int SHORT_LENGTH = 2 * Long.BYTES;

	private byte[][] keys = new byte[64][];

	/** Per slot of a value of up to {@link #SHORT_LENGTH} bytes: its two words. */
	private long[] lows = new long[64];

	private long[] highs = new long[64];

	private String[] strings = new String[64];

	private int size;

	/** The String of {@code length} ASCII bytes of {@code bytes} from {@code offset}. */
	String of(byte[] bytes, int offset, int length) {
		if (length > MAX_LENGTH) {
			return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
		}
		boolean isShort = length <= SHORT_LENGTH;
		long low = isShort ? lowWord(bytes, offset, length) : 0;
		long high = isShort ? highWord(bytes, offset, length) : 0;
		int mask = this.keys.length - 1;
		int slot = (isShort ? shortHash(low, high, length) : hash(bytes, offset, length)) & mask;
		while (true) {
			byte[] key = this.keys[slot];
			if (key == null) {
				return add(slot, bytes, offset, length);
			}
			if (key.length == length && (isShort ? this.lows[slot] == low && this.highs[slot] == high
					: Arrays.equals(key, 0, length, bytes, offset, offset + length))) {
				return this.strings[slot];
			}
			slot = (slot + 1) & mask;
		}
	}

	private String add(int slot, byte[] bytes, int offset, int length) {
		String string = new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
		if (this.size == MAX_ENTRIES) {
			return string;
		}
		place(slot, Arrays.copyOfRange(bytes, offset, offset + length), string);
		this.size++;
		if (2 * this.size > this.keys.length) {
			grow();
		}
		return string;
	}

	private void place(int slot, byte[] key, String string) {
		this.keys[slot] = key;
		this.strings[slot] = string;
		if (key.length <= SHORT_LENGTH) {
			this.lows[slot] = lowWord(key, 0, key.length);
			this.highs[slot] = highWord(key, 0, key.length);
		}
	}

	/** Doubles the table: at most half full, so that a probe ends soon. */
	private void grow() {
		byte[][] oldKeys = this.keys;
		String[] oldStrings = this.strings;
		int size = oldKeys.length * 2;
		this.keys = new byte[size][];
		this.lows = new long[size];
		this.highs = new long[size];
		this.strings = new String[size];
		int mask = size - 1;
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldKeys[i] != null) {
				int slot = hash(oldKeys[i], 0, oldKeys[i].length) & mask;
				while (this.keys[slot] != null) {
					slot = (slot + 1) & mask;
				}
				place(slot, oldKeys[i], oldStrings[i]);
			}
		}
	}

	/** The slot hash of a value: from its two words when it is short. */
	static int hash(byte[] bytes, int offset, int length) {
		if (length <= SHORT_LENGTH) {
			return shortHash(lowWord(bytes, offset, length), highWord(bytes, offset, length), length);
		}
		long hash = length;
		int i = offset;
		int end = offset + length;
		for (; i + Long.BYTES <= end; i += Long.BYTES) {
			hash = (hash ^ ByteSearch.word(bytes, i)) * 0x9E3779B97F4A7C15L;
		}
		for (; i < end; i++) {
			hash = (hash ^ (bytes[i] & 0xFF)) * 0x9E3779B97F4A7C15L;
		}
		return finish(hash);
	}

	private static int shortHash(long low, long high, int length) {
		return finish(((length ^ low) * 0x9E3779B97F4A7C15L ^ high) * 0x9E3779B97F4A7C15L);
	}

	/**
	 * A product carries bits only upwards: MurmurHash3's finalizer folds them down, or
	 * values differing in a word's last bytes would share a slot.
	 */
	private static int finish(long hash) {
		hash ^= hash >>> 33;
		hash *= 0xFF51AFD7ED558CCDL;
		hash ^= hash >>> 33;
		hash *= 0xC4CEB9FE1A85EC53L;
		hash ^= hash >>> 33;
		return (int) hash;
	}

	/** A short value's first eight bytes as a word, the bytes past the value zero. */
	private static long lowWord(byte[] bytes, int offset, int length) {
		return word(bytes, offset, Math.min(length, Long.BYTES));
	}

	/** A short value's bytes after its first eight, likewise (0 when none). */
	private static long highWord(byte[] bytes, int offset, int length) {
		return (length > Long.BYTES) ? word(bytes, offset + Long.BYTES, length - Long.BYTES) : 0;
	}

	/**
	 * Up to eight bytes as a word, the first in the lowest byte: one word read, the bytes
	 * past them masked off, where the array holds eight bytes from {@code offset}.
	 */
	private static long word(byte[] bytes, int offset, int count) {
		if (offset + Long.BYTES <= bytes.length) {
			return ByteSearch.word(bytes, offset) & ByteSearch.lowBytes(count);
		}
		long word = 0;
		for (int k = count - 1; k >= 0; k--) {
			word = (word << 8) | (bytes[offset + k] & 0xFF);
		}
		return word;
	}

}
