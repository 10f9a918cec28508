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
import io.modelmonitoring.mlservice.findings.FindingKey;
import io.modelmonitoring.mlservice.findings.FindingLifecycle.Transitions;
import io.modelmonitoring.mlservice.performance.Metric;
import io.modelmonitoring.mlservice.performance.PerformanceCheck;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.EvaluationSource;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.ModelResult;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.SignalResult;
import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.scan.drift.PsiBin;
import io.modelmonitoring.scan.drift.PsiResult;
import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.ModelSignals;
import io.modelmonitoring.scan.model.TimeWindow;

/**
 * Joins drift and performance checks into one line per (tenant, model), sorted, with its
 * segments and features beneath it.
 */
final class ModelResults {

	static final String NUMERIC = "numeric";

	static final String CATEGORICAL = "categorical";

	private ModelResults() {
	}

	static List<ModelResult> merge(MonitoringWindows windows, RunFindings findings, Transitions transitions) {
		Map<ModelKey, Builder> byModel = new TreeMap<>();
		findings.drift().forEach((check) -> builder(byModel, check.model()).drift(check));
		findings.performance().forEach((check) -> builder(byModel, check.model()).performance(check));
		findings.volume().forEach((check) -> byModel.get(check.model()).volumeDropped = check.dropped());
		findings.staleness().forEach((check) -> byModel.get(check.model()).evaluationStale = check.stale());
		transitions.firing()
			.forEach(
					(key, lifecycle) -> byModel.get(new ModelKey(key.tenantId(), key.modelId())).alert(key, lifecycle));
		List<ModelResult> results = new ArrayList<>(byModel.size());
		byModel.forEach((model, builder) -> results.add(builder.build(model, windows, findings.signals().get(model))));
		return results;
	}

	private static Builder builder(Map<ModelKey, Builder> byModel, ModelKey model) {
		return byModel.computeIfAbsent(model, (key) -> new Builder());
	}

	static Window window(TimeWindow window) {
		return new Window(window.from(), window.to());
	}

	static List<HistogramBin> histogram(PsiResult psi) {
		return histogram(psi, null);
	}

	/**
	 * @param categories the categories of a feature of categories, by bin (its last bin,
	 * every other category, not listed); null for numbers
	 */
	static List<HistogramBin> histogram(PsiResult psi, List<String> categories) {
		List<HistogramBin> bins = new ArrayList<>(psi.bins());
		for (int i = 0; i < psi.histogram().size(); i++) {
			PsiBin bin = psi.histogram().get(i);
			String category = (categories != null && i < categories.size()) ? categories.get(i) : null;
			bins.add(new HistogramBin(bin.lower(), bin.upper(), bin.baselineCount(), bin.currentCount(),
					bin.baselineShare(), bin.currentShare(), bin.contribution(), category));
		}
		return bins;
	}

	private static final class Builder {

		private DriftCheck drift;

		private final Map<Metric, PerformanceCheck> performance = new EnumMap<>(Metric.class);

		private Boolean volumeDropped;

		private Boolean evaluationStale;

		private final Map<String, Lifecycle> alerts = new TreeMap<>();

		private final Map<String, Signal> segments = new TreeMap<>();

		private final Map<String, Signal> features = new LinkedHashMap<>();

		void drift(DriftCheck check) {
			if (check.wholeModel()) {
				this.drift = check;
			}
			else if (check.segment() != null) {
				this.segments.computeIfAbsent(check.segment(), (segment) -> new Signal()).drift = check;
			}
			else {
				this.features.computeIfAbsent(check.feature(), (feature) -> new Signal()).drift = check;
			}
		}

		void performance(PerformanceCheck check) {
			if (check.segment() == null) {
				this.performance.put(check.metric(), check);
			}
			else {
				this.segments.computeIfAbsent(check.segment(), (segment) -> new Signal()).performance
					.put(check.metric(), check);
			}
		}

		void alert(FindingKey key, Lifecycle lifecycle) {
			if (key.feature() != null) {
				this.features.computeIfAbsent(key.feature(), (feature) -> new Signal()).alerts.put(key.metric(),
						lifecycle);
			}
			else if (key.segment() != null) {
				this.segments.computeIfAbsent(key.segment(), (segment) -> new Signal()).alerts.put(key.metric(),
						lifecycle);
			}
			else {
				this.alerts.put(key.metric(), lifecycle);
			}
		}

		ModelResult build(ModelKey model, MonitoringWindows windows, ModelSignals signals) {
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
			List<SignalResult> segmentResults = new ArrayList<>();
			this.segments
				.forEach((segment, signal) -> segmentResults.add(signal.build(segment, DriftCheck.PREDICTION)));
			List<SignalResult> featureResults = new ArrayList<>();
			this.features.forEach((feature, signal) -> featureResults.add(signal.build(null, feature)));
			return new ModelResult(model.tenantId(), model.modelId(), (psi != null) ? psi.psi() : null,
					(psi != null) ? psi.pValue() : null, (psi != null) ? psi.noiseFloor() : null,
					scanned ? this.drift.baselineCount() : null, scanned ? this.drift.currentCount() : null, values,
					scanned && this.drift.drift(), degraded, (psi != null) ? psi.bins() : null,
					(psi != null) ? psi.edges() : null, (psi != null) ? histogram(psi) : null,
					scanned ? window(windows.baseline()) : null, scanned ? window(windows.current()) : null, sources,
					this.volumeDropped, this.evaluationStale, this.alerts, scanned ? this.drift.adjustedPValue() : null,
					segmentResults, featureResults, (signals != null) ? signals.ignoredSegmentValues() : null,
					(signals != null) ? signals.ignoredFeatures() : null);
		}

	}

	/** A segment or a feature of one model. */
	private static final class Signal {

		private DriftCheck drift;

		private final Map<Metric, PerformanceCheck> performance = new EnumMap<>(Metric.class);

		private final Map<String, Lifecycle> alerts = new TreeMap<>();

		SignalResult build(String segment, String feature) {
			Map<String, Double> metrics = null;
			List<String> degraded = new ArrayList<>();
			if (!this.performance.isEmpty()) {
				metrics = new LinkedHashMap<>();
				for (Map.Entry<Metric, PerformanceCheck> entry : this.performance.entrySet()) {
					metrics.put(entry.getKey().key(), entry.getValue().value());
					if (entry.getValue().degraded()) {
						degraded.add(entry.getKey().key());
					}
				}
			}
			DriftCheck check = this.drift;
			PsiResult psi = (check != null) ? check.psi() : null;
			String kind = (check == null) ? null : check.categorical() ? CATEGORICAL : NUMERIC;
			return new SignalResult(segment, feature, kind, (psi != null) ? psi.psi() : null,
					(psi != null) ? psi.pValue() : null, (check != null) ? check.adjustedPValue() : null,
					(psi != null) ? psi.noiseFloor() : null, (check != null) ? check.baselineCount() : null,
					(check != null) ? check.currentCount() : null, check != null && check.drift(),
					(psi != null) ? psi.bins() : null, (psi != null) ? psi.edges() : null,
					(psi != null) ? histogram(psi, check.categories()) : null, metrics, degraded, this.alerts);
		}

	}

}
