package io.modelmonitoring.mlservice.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.modelmonitoring.mlservice.monitoring.MonitoringRunResponse.ModelResult;
import io.modelmonitoring.mlservice.performance.Metric;
import io.modelmonitoring.mlservice.performance.PerformanceCheck;
import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.scan.model.ModelKey;

/** Joins drift and performance checks into one line per (tenant, model), sorted. */
final class ModelResults {

	private ModelResults() {
	}

	static List<ModelResult> merge(List<DriftCheck> drift, List<PerformanceCheck> performance) {
		Map<ModelKey, Builder> byModel = new TreeMap<>();
		drift.forEach((check) -> byModel.computeIfAbsent(check.model(), (key) -> new Builder()).drift = check);
		for (PerformanceCheck check : performance) {
			Builder builder = byModel.computeIfAbsent(check.model(), (key) -> new Builder());
			if (check.metric() == Metric.BRIER) {
				builder.brier = check;
			}
			else {
				builder.mae = check;
			}
		}
		List<ModelResult> results = new ArrayList<>(byModel.size());
		byModel.forEach((model, builder) -> results.add(builder.build(model)));
		return results;
	}

	private static final class Builder {

		private DriftCheck drift;

		private PerformanceCheck brier;

		private PerformanceCheck mae;

		ModelResult build(ModelKey model) {
			boolean hasPsi = this.drift != null && !this.drift.skipped();
			List<String> degraded = new ArrayList<>(2);
			for (PerformanceCheck check : new PerformanceCheck[] { this.brier, this.mae }) {
				if (check != null && check.degraded()) {
					degraded.add(check.metric().key());
				}
			}
			return new ModelResult(model.tenantId(), model.modelId(), hasPsi ? this.drift.psi().psi() : null,
					hasPsi ? this.drift.psi().pValue() : null, (this.drift != null) ? this.drift.baselineCount() : null,
					(this.drift != null) ? this.drift.currentCount() : null,
					(this.brier != null) ? this.brier.value() : null, (this.mae != null) ? this.mae.value() : null,
					this.drift != null && this.drift.drift(), degraded);
		}

	}

}
