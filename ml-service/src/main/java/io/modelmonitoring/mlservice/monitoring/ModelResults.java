package io.modelmonitoring.mlservice.monitoring;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.mlservice.performance.Metric;
import io.modelmonitoring.mlservice.performance.PerformanceCheck;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.ModelResult;

/** Joins drift and performance checks into one line per (tenant, model), sorted. */
final class ModelResults {

	private ModelResults() {
	}

	static List<ModelResult> merge(List<DriftCheck> drift, List<PerformanceCheck> performance) {
		Map<ModelKey, Builder> byModel = new TreeMap<>();
		drift.forEach((check) -> byModel.computeIfAbsent(check.model(), (key) -> new Builder()).drift = check);
		performance.forEach((check) -> byModel.computeIfAbsent(check.model(), (key) -> new Builder()).performance
			.put(check.metric(), check));
		List<ModelResult> results = new ArrayList<>(byModel.size());
		byModel.forEach((model, builder) -> results.add(builder.build(model)));
		return results;
	}

	private static final class Builder {

		private DriftCheck drift;

		private final Map<Metric, PerformanceCheck> performance = new EnumMap<>(Metric.class);

		ModelResult build(ModelKey model) {
			boolean hasPsi = this.drift != null && !this.drift.skipped();
			Map<String, Double> values = new LinkedHashMap<>();
			List<String> degraded = new ArrayList<>(Metric.values().length);
			for (Metric metric : Metric.values()) {
				PerformanceCheck check = this.performance.get(metric);
				values.put(metric.key(), (check != null) ? check.value() : null);
				if (check != null && check.degraded()) {
					degraded.add(metric.key());
				}
			}
			return new ModelResult(model.tenantId(), model.modelId(), hasPsi ? this.drift.psi().psi() : null,
					hasPsi ? this.drift.psi().pValue() : null, (this.drift != null) ? this.drift.baselineCount() : null,
					(this.drift != null) ? this.drift.currentCount() : null, values,
					this.drift != null && this.drift.drift(), degraded);
		}

	}

}
