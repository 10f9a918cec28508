package io.modelmonitoring.mlservice.performance;

import java.math.BigDecimal;
import java.util.OptionalDouble;

/**
 * Reads one recorded metric value: a finite number at or above zero, or a string holding
 * one. Everything else (null, NaN, infinities, "n/a", negatives, booleans, documents) has
 * no value.
 */
final class MetricValue {

	private MetricValue() {
	}

	static OptionalDouble parse(Object raw) {
		double value;
		if (raw instanceof Number number) {
			value = number.doubleValue();
		}
		else if (raw instanceof String text) {
			value = parseDecimal(text.trim());
		}
		else {
			return OptionalDouble.empty();
		}
		return (Double.isFinite(value) && value >= 0) ? OptionalDouble.of(value) : OptionalDouble.empty();
	}

	/**
	 * Plain decimal notation only: unlike Double.parseDouble, no "NaN", hex or "1.5d".
	 */
	private static double parseDecimal(String text) {
		try {
			return new BigDecimal(text).doubleValue();
		}
		catch (NumberFormatException ex) {
			return Double.NaN;
		}
	}

}
