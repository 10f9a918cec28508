package io.modelmonitoring.mlservice.findings;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What one alert is about: a metric of one model of one tenant, in one segment (null: the
 * whole model). At most one event per key per run.
 *
 * @param metric "psi", "brier", "mae", "volume" or "evaluation_age"
 */
public record FindingKey(String tenantId, String modelId, String metric, String segment) {

	/** The key's document id: fixed-size, whatever the ids hold. */
	String id() {
		return UUID
			.nameUUIDFromBytes(String
				.join("\u0000", this.tenantId, this.modelId, this.metric, (this.segment != null) ? this.segment : "")
				.getBytes(StandardCharsets.UTF_8))
			.toString();
	}

}
