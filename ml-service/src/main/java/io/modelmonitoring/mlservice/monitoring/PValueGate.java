package io.modelmonitoring.mlservice.monitoring;

/**
 * The p-value a drift must stay under ({@code model_monitoring.psi_max_p_value}), or none
 * when the key is set empty: then PSI alone decides, the runbook's literal rule. A type
 * of its own because an empty value must mean "off", where a plain number would fall back
 * to its default.
 *
 * @param maxPValue the bound, in (0, 1], or null for no gate
 */
public record PValueGate(Double maxPValue) {

	/** Binds the configured text: a number in (0, 1], or empty. */
	public static PValueGate valueOf(String text) {
		if (text.isBlank()) {
			return new PValueGate(null);
		}
		double value;
		try {
			value = Double.parseDouble(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("must be a number in (0, 1], or empty for no p-value gate");
		}
		if (!(value > 0 && value <= 1)) {
			throw new IllegalArgumentException("must be a number in (0, 1], or empty for no p-value gate");
		}
		return new PValueGate(value);
	}

}
