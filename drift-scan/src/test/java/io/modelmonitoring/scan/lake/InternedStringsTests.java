package io.modelmonitoring.scan.lake;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InternedStringsTests {

	private final InternedStrings strings = new InternedStrings();

	@Test
	void theSameBytesGiveTheSameStringWhereverTheyAre() {
		byte[] line = ascii("tenant-1,tenant-2,tenant-1");

		String first = this.strings.of(line, 0, 8);
		String second = this.strings.of(line, 9, 8);
		String again = this.strings.of(line, 18, 8);

		assertThat(first).isEqualTo("tenant-1");
		assertThat(second).isEqualTo("tenant-2");
		assertThat(again).isSameAs(first);
		assertThat(this.strings.of(ascii(""), 0, 0)).isEmpty();
	}

	@Test
	void aValueIsOneStringWhateverFollowsItAndWhereverItEnds() {
		// Up to two words, a value is compared as words read past its end (masked), or
		// byte by byte where the array ends too soon: both ways find one String.
		for (int length = 0; length <= 20; length++) {
			String value = "abcdefghijklmnopqrst".substring(0, length);
			byte[] inside = ascii("\"" + value + "\",\"modelId\":\"zzzzzzzzzzzzzzzz\"");
			byte[] atTheEnd = ascii(">" + value);
			byte[] otherTail = ascii("\"" + value + "ABCDEFGHIJKLMNOPQRSTUVWX");

			String first = this.strings.of(inside, 1, length);

			assertThat(first).isEqualTo(value);
			assertThat(this.strings.of(atTheEnd, 1, length)).isSameAs(first);
			assertThat(this.strings.of(otherTail, 1, length)).isSameAs(first);
		}
	}

	@Test
	void valuesOfOneLengthThatDifferInAnyByteAreOtherStrings() {
		byte[] base = ascii("tenant-0000000001");
		Set<String> seen = new HashSet<>();
		for (int position = 0; position < base.length; position++) {
			byte[] changed = base.clone();
			changed[position] = 'x';
			for (int length = 1; length <= base.length; length++) {
				String expected = new String(changed, 0, length, StandardCharsets.US_ASCII);
				assertThat(this.strings.of(changed, 0, length)).isEqualTo(expected);
				seen.add(expected);
			}
		}
		assertThat(this.strings.of(base, 0, base.length)).isEqualTo("tenant-0000000001");
		assertThat(seen).hasSizeGreaterThan(base.length);
	}

	@Test
	void valuesThatDifferOnlyInAWordsLastByteSpreadOverTheSmallestTable() {
		// "tenant-1" … "tenant-9": one word each, differing in its last byte only.
		Set<Integer> slots = new HashSet<>();
		for (int b = 0; b < 256; b++) {
			byte[] value = ascii("tenant-x");
			value[7] = (byte) b;
			slots.add(InternedStrings.hash(value, 0, value.length) & 63);
		}
		// 256 values thrown at 64 slots fill about 63 of them; a hash that keeps the last
		// byte out of the low bits fills one.
		assertThat(slots).hasSizeGreaterThan(55);
	}

	@Test
	void pastItsLimitsItStillGivesTheRightStrings() {
		for (int i = 0; i < InternedStrings.MAX_ENTRIES + 100; i++) {
			byte[] value = ascii("value-" + i);
			assertThat(this.strings.of(value, 0, value.length)).isEqualTo("value-" + i);
		}
		byte[] early = ascii("value-7");
		assertThat(this.strings.of(early, 0, early.length)).isSameAs(this.strings.of(early, 0, early.length));
		byte[] late = ascii("value-" + (InternedStrings.MAX_ENTRIES + 50));
		assertThat(this.strings.of(late, 0, late.length)).isEqualTo("value-" + (InternedStrings.MAX_ENTRIES + 50));

		String longValue = "x".repeat(InternedStrings.MAX_LENGTH + 1);
		byte[] longBytes = ascii(longValue);
		assertThat(this.strings.of(longBytes, 0, longBytes.length)).isEqualTo(longValue);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
