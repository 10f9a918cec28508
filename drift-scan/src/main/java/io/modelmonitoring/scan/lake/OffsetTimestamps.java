package io.modelmonitoring.scan.lake;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The timestamps of inference-log records: ISO-8601 date-times with a zone offset, read
 * from their bytes without allocation in their common shapes, as every record of a scan
 * has one. A reading is left in the instance (seconds and nanoseconds since the epoch),
 * so that a line makes no {@link Instant}; one instance serves one parser.
 */
final class OffsetTimestamps {

	/** Longer text is no ISO-8601 offset date-time: the longest has 44 characters. */
	private static final int MAX_LENGTH = 64;

	/** Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar. */
	private static final long EPOCH_DAY_OF_MARCH_FIRST_YEAR_ZERO = 719_468;

	private long epochSecond;

	private int nano;

	// The date of the last common text read: the lines of one file are mostly of one
	// day, so its date is read once. Its first eight bytes and the two of its day.

	private long lastDateWord = -1;

	private int lastDayDigits = -1;

	private long lastDaySeconds;

	/** The text as bytes, when it came as characters. */
	private final byte[] ascii = new byte[MAX_LENGTH];

	/** The seconds since the epoch of the last successful reading. */
	long epochSecond() {
		return this.epochSecond;
	}

	/** The nanoseconds of that second. */
	int nano() {
		return this.nano;
	}

	/**
	 * Reads an ISO-8601 date-time with a zone offset ({@code 2026-11-20T10:15:30Z},
	 * {@code 2026-11-20T12:15:30.5+02:00}) from ASCII bytes; false when it is not one.
	 * The common shapes are read directly; every other text goes through
	 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, which has the last word.
	 */
	boolean read(byte[] bytes, int offset, int length) {
		if (length > MAX_LENGTH) {
			return false;
		}
		if (readCommon(bytes, offset, length)) {
			return true;
		}
		return readWithFormatter(new String(bytes, offset, length, StandardCharsets.ISO_8859_1));
	}

	/** The same from characters (Jackson's view of a string). */
	boolean read(char[] chars, int offset, int length) {
		if (length > MAX_LENGTH) {
			return false;
		}
		byte[] bytes = this.ascii;
		for (int k = 0; k < length; k++) {
			char c = chars[offset + k];
			if (c > 0x7F) {
				return readWithFormatter(new String(chars, offset, length));
			}
			bytes[k] = (byte) c;
		}
		return read(bytes, 0, length);
	}

	private boolean readWithFormatter(String text) {
		try {
			Instant instant = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
			this.epochSecond = instant.getEpochSecond();
			this.nano = instant.getNano();
			return true;
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	/**
	 * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)}; false for anything else, including
	 * dates and offsets out of range, which the formatter then rejects.
	 */
	private boolean readCommon(byte[] c, int o, int length) {
		if (length < 20 || c[o + 4] != '-' || c[o + 7] != '-' || c[o + 10] != 'T' || c[o + 13] != ':'
				|| c[o + 16] != ':') {
			return false;
		}
		long dateWord = ByteSearch.word(c, o);
		int dayDigits = ((c[o + 8] & 0xFF) << 8) | (c[o + 9] & 0xFF);
		if (dateWord != this.lastDateWord || dayDigits != this.lastDayDigits) {
			int year = digits(c, o, 4);
			int month = digits(c, o + 5, 2);
			int day = digits(c, o + 8, 2);
			if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
				return false;
			}
			this.lastDateWord = dateWord;
			this.lastDayDigits = dayDigits;
			this.lastDaySeconds = epochDay(year, month, day) * 86_400;
		}
		int hour = digits(c, o + 11, 2);
		int minute = digits(c, o + 14, 2);
		int second = digits(c, o + 17, 2);
		if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
			return false;
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
				return false;
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
				return false;
			}
			offsetSeconds = ((c[i] == '-') ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
		}
		else {
			return false;
		}
		this.epochSecond = this.lastDaySeconds + hour * 3600 + minute * 60 + second - offsetSeconds;
		this.nano = nanos;
		return true;
	}

	/**
	 * The days since 1970-01-01 of a proleptic Gregorian date (years 0 to 9999 here), as
	 * {@link java.time.LocalDate#toEpochDay} counts them: counted from the March before,
	 * so that the leap day ends a year.
	 */
	static long epochDay(int year, int month, int day) {
		int y = (month <= 2) ? year - 1 : year;
		int era = Math.floorDiv(y, 400);
		int yearOfEra = y - era * 400;
		int monthFromMarch = (month + 9) % 12;
		int dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
		int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
		return era * 146_097L + dayOfEra - EPOCH_DAY_OF_MARCH_FIRST_YEAR_ZERO;
	}

	static int lengthOfMonth(int year, int month) {
		return switch (month) {
			case 2 -> isLeap(year) ? 29 : 28;
			case 4, 6, 9, 11 -> 30;
			default -> 31;
		};
	}

	private static boolean isLeap(int year) {
		return (year % 4 == 0) && (year % 100 != 0 || year % 400 == 0);
	}

	/** The non-negative number written by {@code count} ASCII digits, or -1. */
	private static int digits(byte[] c, int offset, int count) {
		int value = 0;
		for (int i = offset; i < offset + count; i++) {
			int digit = c[i] - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

}
