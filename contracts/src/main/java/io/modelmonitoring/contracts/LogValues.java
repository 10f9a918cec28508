package io.modelmonitoring.contracts;

/**
 * How a value taken from a message or a request goes into a log line: escaped, so that it
 * can neither end the line nor make one that looks like another, and bounded, so that one
 * value cannot fill the log. Used by every service for every such value (trigger ids, job
 * names, tenant ids, {@code triggeredBy}, message ids, reasons quoting them).
 *
 * <p>
 * Escaped as JSON escapes them: {@code \n}, {@code \r}, {@code \t}, and a backslash,
 * {@code u} and four hex digits for every other character of {@link #UNSAFE_CHARACTERS}:
 * the C0 and C1 controls (U+0085 NEL among them), the line and paragraph separators
 * U+2028 and U+2029, the format characters (the bidirectional overrides such as U+202E,
 * zero-width characters) and lone surrogates. Everything else is kept as it is, so that
 * an ordinary value reads the same in the log, and so that escaping a text that holds an
 * escaped value (a reason quoting one) changes nothing more.
 */
public final class LogValues {

	/**
	 * The characters a value must not carry raw into a log line, as the body of a regular
	 * expression character class: {@code "[" + UNSAFE_CHARACTERS + "]"} matches one of
	 * them. A constant, so that a validation annotation can refuse them by the same rule.
	 */
	public static final String UNSAFE_CHARACTERS = "\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}";

	/** The characters of a value kept by {@link #escape(String)}; the rest is cut. */
	public static final int MAX_LENGTH = 256;

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private LogValues() {
	}

	/**
	 * The value escaped and cut to its first {@value #MAX_LENGTH} characters, with a
	 * marker saying how long it was when cut.
	 * @return the value as a log line may hold it; null for null
	 */
	public static String escape(String value) {
		return escape(value, MAX_LENGTH);
	}

	/**
	 * The value escaped and cut to its first {@code maxLength} characters (before
	 * escaping), followed by {@code ...[truncated, N chars]} when it was longer.
	 * @return the value as a log line may hold it; null for null
	 */
	public static String escape(String value, int maxLength) {
		if (value == null) {
			return null;
		}
		int end = Math.min(value.length(), Math.max(maxLength, 0));
		if (end < value.length() && end > 0 && Character.isHighSurrogate(value.charAt(end - 1))
				&& Character.isLowSurrogate(value.charAt(end))) {
			end--;
		}
		if (end == value.length() && isSafe(value)) {
			return value;
		}
		StringBuilder escaped = new StringBuilder(end + 16);
		for (int i = 0; i < end;) {
			int codePoint = value.codePointAt(i);
			int chars = Character.charCount(codePoint);
			switch (codePoint) {
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				case '\t' -> escaped.append("\\t");
				default -> {
					if (isUnsafe(codePoint)) {
						for (int j = i; j < i + chars; j++) {
							appendUnicodeEscape(escaped, value.charAt(j));
						}
					}
					else {
						escaped.appendCodePoint(codePoint);
					}
				}
			}
			i += chars;
		}
		if (end < value.length()) {
			escaped.append("...[truncated, ").append(value.length()).append(" chars]");
		}
		return escaped.toString();
	}

	/** Whether the value holds none of {@link #UNSAFE_CHARACTERS}. */
	public static boolean isSafe(String value) {
		return value.codePoints().noneMatch(LogValues::isUnsafe);
	}

	/**
	 * One of {@link #UNSAFE_CHARACTERS}: a control, format, line or paragraph separator,
	 * or a surrogate that is not half of a pair.
	 */
	private static boolean isUnsafe(int codePoint) {
		return switch (Character.getType(codePoint)) {
			case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
					Character.SURROGATE ->
				true;
			default -> false;
		};
	}

	private static void appendUnicodeEscape(StringBuilder escaped, char c) {
		escaped.append('\\')
			.append('u')
			.append(HEX[(c >> 12) & 0xF])
			.append(HEX[(c >> 8) & 0xF])
			.append(HEX[(c >> 4) & 0xF])
			.append(HEX[c & 0xF]);
	}

}
