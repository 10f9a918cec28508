package io.modelmonitoring.mlservice.monitoring;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.modelmonitoring.contracts.DriftDetected.Window;
import io.modelmonitoring.contracts.HistogramBin;
import io.modelmonitoring.contracts.Lifecycle;
import io.modelmonitoring.mlservice.findings.FindingLifecycle.Transitions;
import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.scan.drift.PsiBin;
import io.modelmonitoring.scan.drift.PsiResult;
import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.TimeWindow;
import io.modelmonitoring.mlservice.performance.Metric;
import io.modelmonitoring.mlservice.performance.PerformanceCheck;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.EvaluationSource;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.ModelResult;

/** Joins drift and performance checks into one line per (tenant, model), sorted. */
final class ModelResults {

	private ModelResults() {
	}

	static List<ModelResult> merge(MonitoringWindows windows, RunFindings findings, Transitions transitions) {
		Map<ModelKey, Builder> byModel = new TreeMap<>();
		findings.drift()
			.forEach((check) -> byModel.computeIfAbsent(check.model(), (key) -> new Builder()).drift = check);
		findings.performance()
			.forEach((check) -> byModel.computeIfAbsent(check.model(), (key) -> new Builder()).performance
				.put(check.metric(), check));
		findings.volume().forEach((check) -> byModel.get(check.model()).volumeDropped = check.dropped());
		findings.staleness().forEach((check) -> byModel.get(check.model()).evaluationStale = check.stale());
		transitions.firing()
			.forEach((key, lifecycle) -> byModel.get(new ModelKey(key.tenantId(), key.modelId())).alerts
				.put(key.metric(), lifecycle));
		List<ModelResult> results = new ArrayList<>(byModel.size());
		byModel.forEach((model, builder) -> results.add(builder.build(model, windows)));
		return results;
	}

	static Window window(TimeWindow window) {
		return new Window(window.from(), window.to());
	}

	static List<HistogramBin> histogram(PsiResult psi) {
		List<HistogramBin> bins = new ArrayList<>(psi.bins());
		for (PsiBin bin : psi.histogram()) {
			bins.add(new HistogramBin(bin.lower(), bin.upper(), bin.baselineCount(), bin.currentCount(),
					bin.baselineShare(), bin.currentShare(), bin.contribution()));
		}
		return bins;
	}

	private static final class Builder {

		private DriftCheck drift;

		private final Map<Metric, PerformanceCheck> performance = new EnumMap<>(Metric.class);

		private Boolean volumeDropped;

		private Boolean evaluationStale;

		private final Map<String, Lifecycle> alerts = new TreeMap<>();

		ModelResult build(ModelKey model, MonitoringWindows windows) {
			Map<String, Double> values = new LinkedHashMap<>();
			Map<String, EvaluationSource> sources = new LinkedHashMap<>();
			List<String> degraded = new ArrayList<>(Metric.values().length);
			for (Metric metric : Metric.values()) {
				PerformanceCheck check = this.performance.get(metric);
				values.put(metric.key(), (check != null) ? check.value() : null);
				if (check != null) {
					sources.put(metric.key(),
							new EvaluationSource(check.evaluationId(), check.evaluatedAt(), check.modelVersion()));
				}
				if (check != null && check.degraded()) {
					degraded.add(metric.key());
				}
			}
			boolean scanned = this.drift != null;
			PsiResult psi = scanned ? this.drift.psi() : null;
			return new ModelResult(model.tenantId(), model.modelId(), (psi != null) ? psi.psi() : null,
					(psi != null) ? psi.pValue() : null, (psi != null) ? psi.noiseFloor() : null,
					scanned ? this.drift.baselineCount() : null, scanned ? this.drift.currentCount() : null, values,
					scanned && this.drift.drift(), degraded, (psi != null) ? psi.bins() : null,
					(psi != null) ? psi.edges() : null, (psi != null) ? histogram(psi) : null,
					scanned ? window(windows.baseline()) : null, scanned ? window(windows.current()) : null, sources,
					this.volumeDropped, this.evaluationStale, this.alerts);
		}

	}

}
