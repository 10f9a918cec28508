package io.modelmonitoring.mlservice.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.modelmonitoring.scan.drift.DriftPValue;

/** How the reports print numbers and times: short for people, never locale-dependent. */
final class Numbers {

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

	private Numbers() {
	}

	/** Four significant digits; a dash for none. */
	static String figure(Double value) {
		if (value == null) {
			return "–";
		}
		if (value == 0) {
			return "0";
		}
		double magnitude = Math.abs(value);
		if (magnitude >= 1e-3 && magnitude < 1e6) {
			return significant(value, 4);
		}
		return String.format(Locale.ROOT, "%.3e", value);
	}

	/** The value in this many significant digits, without trailing zeros. */
	static String significant(double value, int digits) {
		String text = String.format(Locale.ROOT, "%." + digits + "g", value);
		if (text.contains("e") || !text.contains(".")) {
			return text;
		}
		String stripped = text.replaceAll("0+$", "");
		return stripped.endsWith(".") ? stripped.substring(0, stripped.length() - 1) : stripped;
	}

	static String percent(double share) {
		return String.format(Locale.ROOT, "%.1f %%", 100 * share);
	}

	/** A p-value; the permutation test's floor shows as "≤ 0.001". */
	static String pValue(Double value) {
		return pValue(value, DriftPValue.SMALLEST_PERMUTATION_P_VALUE);
	}

	/**
	 * A p-value; values at or below the floor show as "≤ floor", the floor written
	 * plainly (0.0001).
	 */
	static String pValue(Double value, double floor) {
		if (value == null) {
			return "–";
		}
		return (value <= floor) ? "≤ " + java.math.BigDecimal.valueOf(floor).stripTrailingZeros().toPlainString()
				: figure(value);
	}

	/** Coordinates in SVG: two decimals are far below a pixel. */
	static String coordinate(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

	static String time(Instant instant) {
		return (instant != null) ? DAY_AND_TIME.format(instant) : "–";
	}

	static String day(Instant instant) {
		return (instant != null) ? DAY.format(instant) : "–";
	}

}
