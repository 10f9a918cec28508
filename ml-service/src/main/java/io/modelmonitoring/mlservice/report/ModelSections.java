package io.modelmonitoring.mlservice.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.modelmonitoring.contracts.DriftDetected.Window;
import io.modelmonitoring.contracts.Lifecycle;
import io.modelmonitoring.mlservice.monitoring.DataHealth;
import io.modelmonitoring.mlservice.monitoring.ModelMonitoringProperties;
import io.modelmonitoring.mlservice.monitoring.ReportLinks;
import io.modelmonitoring.mlservice.performance.Metric;
import io.modelmonitoring.mlservice.runs.ModelHistoryEntry;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.EvaluationSource;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.ModelResult;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.SignalResult;

/**
 * One model's result in the words and charts of its report section, under the thresholds
 * configured now. No I/O: the pages read the stores and hand the results here.
 */
final class ModelSections {

	/** A headline names this many drifted segments or features, then counts the rest. */
	private static final int MOST_NAMED = 3;

	private final ModelMonitoringProperties rules;

	ModelSections(ModelMonitoringProperties rules) {
		this.rules = rules;
	}

	/**
	 * @param history the model's runs up to this one, newest first, for the trends
	 * @param modelReport the link to the model's own report; null on that report
	 */
	ModelSection section(ModelResult result, List<ModelHistoryEntry> history, String modelReport) {
		List<String> findings = new ArrayList<>();
		if (result.drift()) {
			findings.add(driftFinding(result) + since(result, Labels.DRIFT));
		}
		else {
			addIfAny(findings, signalsDriftedAlone(result));
		}
		for (String metric : result.degraded()) {
			findings.add(degradedFinding(result, metric) + since(result, metric));
		}
		addIfAny(findings, segmentsDegraded(result));
		if (Boolean.TRUE.equals(result.volumeDropped())) {
			findings.add("Volume: " + result.currentCount()
					+ " predictions this week, where the baseline foretells about "
					+ Math.round(DataHealth.expectedCurrent(result.baselineCount())) + "." + since(result, "volume"));
		}
		if (Boolean.TRUE.equals(result.evaluationStale())) {
			findings.add("Stale evaluations: the newest usable one is older than "
					+ this.rules.maxEvaluationAge().toDays() + " days." + since(result, "evaluation_age"));
		}
		if (findings.isEmpty()) {
			findings.add("Nothing above its threshold in this run.");
		}
		List<TrendChart> trends = new ArrayList<>(3);
		addTrend(trends,
				TrendChart.of(Labels.DRIFT, "PSI", this.rules.psiThreshold(), history, ModelHistoryEntry::psi));
		for (Metric metric : Metric.values()) {
			addTrend(trends,
					TrendChart.of(metric.key(), Labels.metric(metric), this.rules.performanceThresholds().of(metric),
							history, (entry) -> entry.metrics().get(metric.key())));
		}
		List<String> evaluations = result.evaluations()
			.entrySet()
			.stream()
			.map((source) -> evaluation(source.getKey(), source.getValue()))
			.toList();
		String counts = (result.baselineCount() != null)
				? result.baselineCount() + " baseline and " + result.currentCount() + " current predictions"
				: "no predictions in the logs";
		String sectionId = ReportLinks.sectionId(result.tenantId(), result.modelId());
		return new ModelSection(sectionId, result.tenantId(), result.modelId(), verdictClass(result), findings,
				window(result.baselineWindow()), window(result.currentWindow()), counts,
				(result.histogram() != null) ? BinChart.of(result.histogram()) : null, trends, evaluations, modelReport,
				SignalTables.of(result.segments(), sectionId), SignalTables.of(result.features(), sectionId),
				ignored(result));
	}

	/** The rules in effect, in one paragraph. */
	String rules() {
		Double gate = this.rules.psiMaxPValue().maxPValue();
		return "Drift: PSI above " + Numbers.figure(this.rules.psiThreshold())
				+ ((gate != null) ? " and adjusted p-value below " + Numbers.figure(gate) : "")
				+ ", for the whole model, each segment and each input feature. Degraded: Brier above "
				+ Numbers.figure(this.rules.brierThreshold()) + ", MAE above "
				+ Numbers.figure(this.rules.maeThreshold()) + ". Thresholds as configured now."
				+ ((gate != null) ? " " + GATE_NOTE : "");
	}

	/** Why the gate reads the adjusted p-value, once per page. */
	static final String GATE_NOTE = "The p-value gate compares each check's p-value adjusted (Benjamini–Hochberg)"
			+ " over all of the model's checks, so that checking many segments and features does not multiply false"
			+ " alarms; docs/drift-statistics.md explains it.";

	/** "region=emea drifted; the model as a whole did not.", or nothing. */
	private static String signalsDriftedAlone(ModelResult result) {
		List<String> drifted = Stream
			.concat(result.segments()
				.stream()
				.filter(SignalResult::drift)
				.sorted(SignalTables.READING_ORDER)
				.map(SignalTables::shown),
					result.features()
						.stream()
						.filter(SignalResult::drift)
						.sorted(SignalTables.READING_ORDER)
						.map((feature) -> "feature " + SignalTables.shown(feature)))
			.toList();
		if (drifted.isEmpty()) {
			return null;
		}
		return named(drifted) + " drifted; the model as a whole did not.";
	}

	/** "Degraded in region=emea (Brier score).", or nothing. */
	private static String segmentsDegraded(ModelResult result) {
		List<String> degraded = result.segments()
			.stream()
			.filter((segment) -> !segment.degraded().isEmpty())
			.sorted(SignalTables.READING_ORDER)
			.map((segment) -> SignalTables.shown(segment) + " ("
					+ String.join(", ", segment.degraded().stream().map((key) -> Labels.alertKey(key)).toList()) + ")")
			.toList();
		if (degraded.isEmpty()) {
			return null;
		}
		return "Degraded in " + named(degraded) + ".";
	}

	private static String named(List<String> names) {
		if (names.size() == 1) {
			return names.get(0);
		}
		if (names.size() <= MOST_NAMED) {
			return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
		}
		return String.join(", ", names.subList(0, MOST_NAMED)) + " and " + (names.size() - MOST_NAMED) + " more";
	}

	private static String ignored(ModelResult result) {
		List<String> parts = new ArrayList<>(2);
		if (result.ignoredSegmentValues() != null && result.ignoredSegmentValues() > 0) {
			parts.add(result.ignoredSegmentValues()
					+ " records' segment values were not checked (too long, or beyond the values kept per dimension)");
		}
		if (result.ignoredFeatures() != null && result.ignoredFeatures() > 0) {
			parts.add(result.ignoredFeatures() + " features beyond the most checked per model were not checked");
		}
		return parts.isEmpty() ? null : String.join("; ", parts) + ".";
	}

	private static void addIfAny(List<String> findings, String finding) {
		if (finding != null) {
			findings.add(finding);
		}
	}

	private static void addTrend(List<TrendChart> trends, TrendChart chart) {
		if (chart != null) {
			trends.add(chart);
		}
	}

	private String driftFinding(ModelResult result) {
		Double gate = this.rules.psiMaxPValue().maxPValue();
		String pValue;
		if (gate == null) {
			pValue = " (no p-value gate)";
		}
		else if (result.adjustedPValue() != null) {
			pValue = ", adjusted p-value " + Numbers.pValue(result.adjustedPValue()) + " below " + Numbers.figure(gate)
					+ " (" + Numbers.pValue(result.pValue()) + " before the adjustment)";
		}
		else {
			// Results kept before the adjustment existed: their gate read the p-value.
			pValue = ", p-value " + Numbers.pValue(result.pValue()) + " below " + Numbers.figure(gate);
		}
		return "Prediction drift: PSI " + Numbers.figure(result.psi()) + " above the threshold "
				+ Numbers.figure(this.rules.psiThreshold()) + pValue + "; sampling alone gives about "
				+ Numbers.figure(result.noiseFloor()) + ".";
	}

	private String degradedFinding(ModelResult result, String key) {
		Metric metric = Metric.ofKey(key).orElseThrow();
		return Labels.metric(metric) + " " + Numbers.figure(result.metrics().get(key)) + " above the threshold "
				+ Numbers.figure(this.rules.performanceThresholds().of(metric)) + ".";
	}

	private static String evaluation(String metric, EvaluationSource source) {
		return metric + ": evaluation " + source.evaluationId() + " of " + Numbers.time(source.evaluatedAt())
				+ ((source.modelVersion() != null) ? ", model version " + source.modelVersion() : "");
	}

	/** Since when a finding fires, from its alert; nothing in a dry run or a backfill. */
	private static String since(ModelResult result, String metric) {
		Lifecycle alert = (result.alerts() != null) ? result.alerts().get(metric) : null;
		return (alert != null) ? " " + Labels.since(alert) : "";
	}

	/**
	 * What the run found for the model, its segments and its features, in a few words.
	 */
	static String verdict(ModelResult result) {
		List<String> parts = new ArrayList<>(4);
		String whole = verdict(result.drift(), result.degraded(), result.psi(), result.baselineCount());
		if (!whole.equals("ok")) {
			parts.add(whole);
		}
		if (result.segments().stream().anyMatch(SignalResult::drift)) {
			parts.add("segment drift");
		}
		if (result.segments().stream().anyMatch((segment) -> !segment.degraded().isEmpty())) {
			parts.add("segment degraded");
		}
		if (result.features().stream().anyMatch(SignalResult::drift)) {
			parts.add("feature drift");
		}
		if (Boolean.TRUE.equals(result.volumeDropped())) {
			parts.add("volume dropped");
		}
		if (Boolean.TRUE.equals(result.evaluationStale())) {
			parts.add("evaluations stale");
		}
		return parts.isEmpty() ? "ok" : String.join("; ", parts);
	}

	static String verdictClass(ModelResult result) {
		String verdictClass = verdictClass(result.drift(), result.degraded(), result.psi(), result.baselineCount());
		if (verdictClass.equals("drift")) {
			return verdictClass;
		}
		boolean signalDrift = Stream.concat(result.segments().stream(), result.features().stream())
			.anyMatch(SignalResult::drift);
		if (signalDrift) {
			return "drift";
		}
		boolean unhealthy = Boolean.TRUE.equals(result.volumeDropped()) || Boolean.TRUE.equals(result.evaluationStale())
				|| result.segments().stream().anyMatch((segment) -> !segment.degraded().isEmpty());
		return (unhealthy && (verdictClass.equals("ok") || verdictClass.equals("skipped"))) ? "degraded" : verdictClass;
	}

	static String verdict(boolean drift, List<String> degraded, Double psi, Integer baselineCount) {
		List<String> parts = new ArrayList<>(2);
		if (drift) {
			parts.add("drift");
		}
		if (!degraded.isEmpty()) {
			parts.add("degraded: " + String.join(", ", degraded));
		}
		if (!parts.isEmpty()) {
			return String.join("; ", parts);
		}
		return (psi == null && baselineCount != null) ? "too few predictions" : "ok";
	}

	static String verdictClass(boolean drift, List<String> degraded, Double psi, Integer baselineCount) {
		if (drift) {
			return "drift";
		}
		if (!degraded.isEmpty()) {
			return "degraded";
		}
		return (psi == null && baselineCount != null) ? "skipped" : "ok";
	}

	static String window(Window window) {
		return (window != null) ? Numbers.time(window.from()) + " – " + Numbers.time(window.to()) : "–";
	}

}
