package io.modelmonitoring.mlservice.monitoring;

import java.util.Locale;

import io.modelmonitoring.scan.drift.DriftPValue;

/**
 * The p-value a drift must stay under ({@code model_monitoring.psi_max_p_value}), or none
 * when the key is set empty: then PSI alone decides, the runbook's literal rule. A type
 * of its own because an empty value must mean "off", where a plain number would fall back
 * to its default.
 *
 * @param maxPValue the bound, or null for no gate
 */
public record PValueGate(Double maxPValue) {

	/**
	 * Binds the configured text: empty, or a number above the permutation test's smallest
	 * p-value (a gate at or below it could never pass on small windows) and at most 1.
	 */
	public static PValueGate valueOf(String text) {
		if (text.isBlank()) {
			return new PValueGate(null);
		}
		double smallest = DriftPValue.SMALLEST_PERMUTATION_P_VALUE;
		String rule = String.format(Locale.ROOT,
				"must be a number above %s (the smallest p-value of the permutation test) and at most 1, or empty"
						+ " for no p-value gate",
				java.math.BigDecimal.valueOf(smallest).stripTrailingZeros().toPlainString());
		double value;
		try {
			value = Double.parseDouble(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(rule);
		}
		if (!(value > smallest && value <= 1)) {
			throw new IllegalArgumentException(rule);
		}
		return new PValueGate(value);
	}

}
