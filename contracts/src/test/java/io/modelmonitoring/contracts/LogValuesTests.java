package io.modelmonitoring.contracts;

import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a value from a message or request looks like in a log line. The expected texts are
 * written out by hand: the JSON escape of the character.
 */
class LogValuesTests {

	static Stream<Arguments> values() {
		return Stream.of(Arguments.of("a plain id", "tenant-1", "tenant-1"),
				Arguments.of("letters outside ASCII and an emoji", "ten\u00e4nt \ud83d\ude80",
						"ten\u00e4nt \ud83d\ude80"),
				Arguments.of("CR LF", "t-1\r\nERROR forged", "t-1\\r\\nERROR forged"),
				Arguments.of("a tab", "a\tb", "a\\tb"),
				Arguments.of("NUL and DEL", "a\u0000b\u007f", "a\\u0000b\\u007F"),
				Arguments.of("NEL (C1)", "bob\u0085forged", "bob\\u0085forged"),
				Arguments.of("LINE SEPARATOR", "bob\u2028forged", "bob\\u2028forged"),
				Arguments.of("PARAGRAPH SEPARATOR", "bob\u2029forged", "bob\\u2029forged"),
				Arguments.of("RIGHT-TO-LEFT OVERRIDE", "bob\u202Eevil", "bob\\u202Eevil"),
				Arguments.of("a zero-width space", "bo\u200Bb", "bo\\u200Bb"),
				Arguments.of("a lone surrogate", "a\ud800b", "a\\uD800b"),
				Arguments.of("a format character outside the BMP", "a\udb40\udc01b", "a\\uDB40\\uDC01b"),
				Arguments.of("a backslash and a quote, kept", "a\\n\"b", "a\\n\"b"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("values")
	void aValueIsEscapedAsJsonEscapesItsCharacters(String name, String value, String logged) {
		assertThat(LogValues.escape(value)).isEqualTo(logged);
	}

	@Test
	void escapingAnEscapedValueChangesNothing() {
		String once = LogValues.escape("t-1\r\n\u2028forged");

		assertThat(LogValues.escape("reason: \"" + once + "\"")).isEqualTo("reason: \"" + once + "\"");
	}

	@Test
	void aLongValueIsCutWithAMarkerSayingHowLongItWas() {
		String logged = LogValues.escape("x".repeat(200_000));

		assertThat(logged).isEqualTo("x".repeat(LogValues.MAX_LENGTH) + "...[truncated, 200000 chars]");
		assertThat(LogValues.escape("abcdef", 3)).isEqualTo("abc...[truncated, 6 chars]");
		assertThat(LogValues.escape("a\nbcdef", 3)).isEqualTo("a\\nb...[truncated, 7 chars]");
		assertThat(LogValues.escape("abc", 3)).isEqualTo("abc");
	}

	@Test
	void aCutNeverSplitsASurrogatePair() {
		assertThat(LogValues.escape("ab\ud83d\ude80cd", 3)).isEqualTo("ab...[truncated, 6 chars]");
	}

	@Test
	void nullStaysNull() {
		assertThat(LogValues.escape(null)).isNull();
	}

	/** The regular expression a validation annotation uses, and the escaping, agree. */
	@Test
	void theCharacterClassMatchesExactlyTheCharactersEscaped() {
		Pattern unsafe = Pattern.compile("[" + LogValues.UNSAFE_CHARACTERS + "]");
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String text = new String(Character.toChars(codePoint));
			boolean matched = unsafe.matcher(text).find();
			assertThat(LogValues.isSafe(text)).as("U+%04X", codePoint).isEqualTo(!matched);
			if (matched) {
				assertThat(LogValues.escape(text)).as("U+%04X", codePoint).startsWith("\\");
			}
		}
	}

}
