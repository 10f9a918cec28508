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

	private byte[][] keys = new byte[64][];

	private String[] strings = new String[64];

	private int size;

	/** The String of {@code length} ASCII bytes of {@code bytes} from {@code offset}. */
	String of(byte[] bytes, int offset, int length) {
		if (length > MAX_LENGTH) {
			return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
		}
		int mask = this.keys.length - 1;
		int slot = hash(bytes, offset, length) & mask;
		while (true) {
			byte[] key = this.keys[slot];
			if (key == null) {
				return add(slot, bytes, offset, length);
			}
			if (key.length == length && Arrays.equals(key, 0, length, bytes, offset, offset + length)) {
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
		this.keys[slot] = Arrays.copyOfRange(bytes, offset, offset + length);
		this.strings[slot] = string;
		this.size++;
		if (2 * this.size > this.keys.length) {
			grow();
		}
		return string;
	}

	/** Doubles the table: at most half full, so that a probe ends soon. */
	private void grow() {
		byte[][] oldKeys = this.keys;
		String[] oldStrings = this.strings;
		this.keys = new byte[oldKeys.length * 2][];
		this.strings = new String[oldKeys.length * 2];
		int mask = this.keys.length - 1;
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldKeys[i] != null) {
				int slot = hash(oldKeys[i], 0, oldKeys[i].length) & mask;
				while (this.keys[slot] != null) {
					slot = (slot + 1) & mask;
				}
				this.keys[slot] = oldKeys[i];
				this.strings[slot] = oldStrings[i];
			}
		}
	}

	/** A word at a time: these values are read at every line. */
	static int hash(byte[] bytes, int offset, int length) {
		long hash = length;
		int i = offset;
		int end = offset + length;
		for (; i + Long.BYTES <= end; i += Long.BYTES) {
			hash = (hash ^ ByteSearch.word(bytes, i)) * 0x9E3779B97F4A7C15L;
		}
		for (; i < end; i++) {
			hash = (hash ^ (bytes[i] & 0xFF)) * 0x9E3779B97F4A7C15L;
		}
		// A product carries bits only upwards: MurmurHash3's finalizer folds them down,
		// or values differing in a word's last bytes would share a slot.
		hash ^= hash >>> 33;
		hash *= 0xFF51AFD7ED558CCDL;
		hash ^= hash >>> 33;
		hash *= 0xC4CEB9FE1A85EC53L;
		hash ^= hash >>> 33;
		return (int) hash;
	}

}
