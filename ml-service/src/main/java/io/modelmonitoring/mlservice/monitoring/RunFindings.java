package io.modelmonitoring.mlservice.monitoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.modelmonitoring.mlservice.findings.FindingKey;
import io.modelmonitoring.mlservice.monitoring.DataHealth.StaleCheck;
import io.modelmonitoring.mlservice.monitoring.DataHealth.VolumeCheck;
import io.modelmonitoring.mlservice.performance.PerformanceCheck;
import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.ModelSignals;

/**
 * Every check of one run, by kind: what its answer, its events and its alerts come from;
 * and, per model, what its scan passed over among segments and features.
 */
record RunFindings(List<DriftCheck> drift, List<PerformanceCheck> performance, List<VolumeCheck> volume,
		List<StaleCheck> staleness, Map<ModelKey, ModelSignals> signals) {

	RunFindings(List<DriftCheck> drift, List<PerformanceCheck> performance, List<VolumeCheck> volume,
			List<StaleCheck> staleness) {
		this(drift, performance, volume, staleness, Map.of());
	}

	static final String PSI = "psi";

	static final String VOLUME = "volume";

	static final String EVALUATION_AGE = "evaluation_age";

	/** Every key the run checked, and whether it fires: the input of the lifecycle. */
	Map<FindingKey, Boolean> checkedKeys() {
		Map<FindingKey, Boolean> keys = new LinkedHashMap<>();
		this.drift.stream().filter((check) -> !check.skipped()).forEach((check) -> keys.put(key(check), check.drift()));
		this.performance.forEach((check) -> keys.put(key(check), check.degraded()));
		this.volume.forEach((check) -> keys.put(key(check.model(), VOLUME), check.dropped()));
		this.staleness.forEach((check) -> keys.put(key(check.model(), EVALUATION_AGE), check.stale()));
		return keys;
	}

	static FindingKey key(ModelKey model, String metric) {
		return new FindingKey(model.tenantId(), model.modelId(), metric, null);
	}

	/**
	 * The key of a drift check: of the predictions (of the whole model or a segment), or
	 * of an input feature.
	 */
	static FindingKey key(DriftCheck check) {
		String feature = DriftCheck.PREDICTION.equals(check.feature()) ? null : check.feature();
		return new FindingKey(check.model().tenantId(), check.model().modelId(), PSI, check.segment(), feature);
	}

	static FindingKey key(PerformanceCheck check) {
		return new FindingKey(check.model().tenantId(), check.model().modelId(), check.metric().key(), check.segment());
	}

}
