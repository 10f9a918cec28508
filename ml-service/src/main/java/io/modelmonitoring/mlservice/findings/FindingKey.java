package io.modelmonitoring.mlservice.findings;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What one alert is about: a metric of one model of one tenant, in one segment (null: the
 * whole model), of one input feature (null: the model's predictions, or no feature at
 * all). At most one event per key per run.
 *
 * @param metric "psi", "brier", "mae", "volume" or "evaluation_age"
 * @param segment {@code dimension=value}, or null for the whole model
 * @param feature the input feature a PSI is of, or null
 */
public record FindingKey(String tenantId, String modelId, String metric, String segment, String feature) {

	/** A key of the whole model's predictions or of a metric without feature. */
	public FindingKey(String tenantId, String modelId, String metric, String segment) {
		this(tenantId, modelId, metric, segment, null);
	}

	/**
	 * The key's document id: fixed-size, whatever the ids hold; the same as before
	 * features existed for a key without one, so open alerts carry on.
	 */
	String id() {
		String base = String.join("\u0000", this.tenantId, this.modelId, this.metric,
				(this.segment != null) ? this.segment : "");
		String text = (this.feature != null) ? base + "\u0000" + this.feature : base;
		return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
	}

}
