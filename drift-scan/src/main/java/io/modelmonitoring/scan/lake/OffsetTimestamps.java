package io.modelmonitoring.scan.lake;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The timestamps of inference-log records: ISO-8601 date-times with a zone offset, read
 * without allocation in their common shapes, as every record of a scan has one.
 */
final class OffsetTimestamps {

	private OffsetTimestamps() {
	}

	/**
	 * An ISO-8601 date-time with a zone offset ({@code 2026-11-20T10:15:30Z},
	 * {@code 2026-11-20T12:15:30.5+02:00}) as an instant; null when it is not one. The
	 * common shapes are read directly; every other text goes through
	 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, which has the last word.
	 */
	static Instant parse(char[] chars, int offset, int length) {
		Instant fast = parseCommonInstant(chars, offset, length);
		if (fast != null) {
			return fast;
		}
		try {
			return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(new String(chars, offset, length), Instant::from);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/**
	 * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)} read without allocation; null for
	 * anything else, including values out of range, which the formatter then rejects.
	 */
	private static Instant parseCommonInstant(char[] c, int o, int length) {
		if (length < 20 || c[o + 4] != '-' || c[o + 7] != '-' || c[o + 10] != 'T' || c[o + 13] != ':'
				|| c[o + 16] != ':') {
			return null;
		}
		int year = digits(c, o, 4);
		int month = digits(c, o + 5, 2);
		int day = digits(c, o + 8, 2);
		int hour = digits(c, o + 11, 2);
		int minute = digits(c, o + 14, 2);
		int second = digits(c, o + 17, 2);
		if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23 || minute < 0
				|| minute > 59 || second < 0 || second > 59) {
			return null; // days 29 to 31 are left to the formatter, which knows the
							// months
		}
		int i = o + 19;
		int end = o + length;
		int nanos = 0;
		if (c[i] == '.') {
			int fractionStart = ++i;
			while (i < end && c[i] >= '0' && c[i] <= '9') {
				i++;
			}
			int fractionDigits = i - fractionStart;
			if (fractionDigits < 1 || fractionDigits > 9) {
				return null;
			}
			nanos = digits(c, fractionStart, fractionDigits);
			for (int k = fractionDigits; k < 9; k++) {
				nanos *= 10;
			}
		}
		int offsetSeconds;
		if (i == end - 1 && c[i] == 'Z') {
			offsetSeconds = 0;
		}
		else if (i == end - 6 && (c[i] == '+' || c[i] == '-') && c[i + 3] == ':') {
			int offsetHours = digits(c, i + 1, 2);
			int offsetMinutes = digits(c, i + 4, 2);
			if (offsetHours < 0 || offsetHours > 17 || offsetMinutes < 0 || offsetMinutes > 59) {
				return null;
			}
			offsetSeconds = ((c[i] == '-') ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
		}
		else {
			return null;
		}
		long epochDay = LocalDate.of(year, month, day).toEpochDay();
		long epochSecond = epochDay * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds;
		return Instant.ofEpochSecond(epochSecond, nanos);
	}

	/** The non-negative number written by {@code count} ASCII digits, or -1. */
	private static int digits(char[] c, int offset, int count) {
		int value = 0;
		for (int i = offset; i < offset + count; i++) {
			char ch = c[i];
			if (ch < '0' || ch > '9') {
				return -1;
			}
			value = value * 10 + (ch - '0');
		}
		return value;
	}

}
