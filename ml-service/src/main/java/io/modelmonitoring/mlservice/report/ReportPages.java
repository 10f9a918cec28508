package io.modelmonitoring.mlservice.report;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.modelmonitoring.contracts.DriftDetected.Window;
import io.modelmonitoring.contracts.Lifecycle;
import io.modelmonitoring.mlservice.monitoring.DataHealth;
import io.modelmonitoring.mlservice.monitoring.ModelMonitoringProperties;
import io.modelmonitoring.mlservice.monitoring.MonitoringWindows;
import io.modelmonitoring.mlservice.monitoring.ReportLinks;
import io.modelmonitoring.mlservice.performance.Metric;
import io.modelmonitoring.mlservice.runs.ModelHistoryEntry;
import io.modelmonitoring.mlservice.runs.ModelResultStore;
import io.modelmonitoring.mlservice.runs.MonitoringRun;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.EvaluationSource;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.ModelResult;
import io.modelmonitoring.mlservice.runs.MonitoringRunStore;
import io.modelmonitoring.scan.drift.DriftPValue;
import io.modelmonitoring.scan.model.TimeWindow;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Reads what a report shows and puts it in the shape its template draws: verdicts,
 * figures as text, chart geometry. Trends cover the last {@value #TREND_RUNS} runs, the
 * history's default.
 */
@Component
class ReportPages {

	static final int TREND_RUNS = 12;

	private final MonitoringRunStore runs;

	private final ModelResultStore results;

	private final ModelMonitoringProperties rules;

	private final Clock clock;

	ReportPages(MonitoringRunStore runs, ModelResultStore results, ModelMonitoringProperties rules, Clock clock) {
		this.runs = runs;
		this.results = results;
		this.rules = rules;
		this.clock = clock;
	}

	/** Empty when there is no completed run of this id. */
	Optional<RunReportPage> run(String runId) {
		Optional<MonitoringRun> found = this.runs.find(runId);
		if (found.isEmpty() || found.get().result() == null) {
			return Optional.empty();
		}
		MonitoringRun run = found.get();
		MonitoringRunResponse answer = run.result();
		List<ModelResult> flaggedFirst = new ArrayList<>(answer.results());
		flaggedFirst.sort(Comparator.comparing((ModelResult result) -> !result.flagged()));
		List<RunReportPage.SummaryRow> rows = new ArrayList<>(flaggedFirst.size());
		List<ModelSection> sections = new ArrayList<>();
		for (ModelResult result : flaggedFirst) {
			String modelReport = modelReport(result.tenantId(), result.modelId());
			String sectionId = result.flagged() ? ReportLinks.sectionId(result.tenantId(), result.modelId()) : null;
			rows.add(new RunReportPage.SummaryRow(result.tenantId(), result.modelId(), sectionId, verdict(result),
					verdictClass(result), Numbers.figure(result.psi()), pValue(result.pValue()),
					Numbers.figure(result.noiseFloor()), Numbers.figure(result.metrics().get("brier")),
					Numbers.figure(result.metrics().get("mae")), count(result.baselineCount()),
					count(result.currentCount()), modelReport));
			if (result.flagged()) {
				List<ModelHistoryEntry> history = this.results.history(result.tenantId(), result.modelId(),
						answer.asOf(), TREND_RUNS);
				sections.add(section(result, history, modelReport));
			}
		}
		MonitoringWindows windows = MonitoringWindows.of(answer.asOf());
		return Optional.of(new RunReportPage(run.runId(), Numbers.time(answer.asOf()), window(windows.baseline()),
				window(windows.current()), facts(run, answer), rules(), rows, sections,
				Numbers.time(this.clock.instant())));
	}

	/** Empty when no completed run checked this model. */
	Optional<ModelReportPage> model(String tenantId, String modelId, int limit) {
		List<ModelHistoryEntry> history = this.results.history(tenantId, modelId, null, limit);
		if (history.isEmpty()) {
			return Optional.empty();
		}
		ModelResult latest = this.results.result(history.get(0).runId(), tenantId, modelId).orElse(null);
		ModelSection section = (latest != null) ? section(latest, history, null) : null;
		List<ModelReportPage.HistoryRow> rows = history.stream()
			.map((entry) -> new ModelReportPage.HistoryRow(entry.runId(), Numbers.time(entry.asOf()),
					verdict(entry.drift(), entry.degraded(), entry.psi(), entry.baselineCount()),
					verdictClass(entry.drift(), entry.degraded(), entry.psi(), entry.baselineCount()),
					Numbers.figure(entry.psi()), pValue(entry.pValue()), Numbers.figure(entry.metrics().get("brier")),
					Numbers.figure(entry.metrics().get("mae")), count(entry.baselineCount()),
					count(entry.currentCount()),
					"../../../runs/" + encode(entry.runId()) + "/report#"
							+ encode(ReportLinks.sectionId(tenantId, modelId))))
			.toList();
		return Optional.of(new ModelReportPage(tenantId, modelId, section, rows, Numbers.time(this.clock.instant())));
	}

	private ModelSection section(ModelResult result, List<ModelHistoryEntry> history, String modelReport) {
		List<String> findings = new ArrayList<>();
		if (result.drift()) {
			findings.add(driftFinding(result) + since(result, "psi"));
		}
		for (String metric : result.degraded()) {
			findings.add(degradedFinding(result, metric) + since(result, metric));
		}
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
		addTrend(trends, TrendChart.of("psi", "PSI", this.rules.psiThreshold(), history, ModelHistoryEntry::psi));
		for (Metric metric : Metric.values()) {
			addTrend(trends, TrendChart.of(metric.key(), label(metric), this.rules.performanceThresholds().of(metric),
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
		return new ModelSection(ReportLinks.sectionId(result.tenantId(), result.modelId()), result.tenantId(),
				result.modelId(), verdictClass(result), findings, window(result.baselineWindow()),
				window(result.currentWindow()), counts,
				(result.histogram() != null) ? BinChart.of(result.histogram()) : null, trends, evaluations,
				modelReport);
	}

	private static void addTrend(List<TrendChart> trends, TrendChart chart) {
		if (chart != null) {
			trends.add(chart);
		}
	}

	private String driftFinding(ModelResult result) {
		String gate = (this.rules.psiMaxPValue().maxPValue() != null) ? ", p-value " + pValue(result.pValue())
				+ " below " + Numbers.figure(this.rules.psiMaxPValue().maxPValue()) : " (no p-value gate)";
		return "Prediction drift: PSI " + Numbers.figure(result.psi()) + " above the threshold "
				+ Numbers.figure(this.rules.psiThreshold()) + gate + "; sampling alone gives about "
				+ Numbers.figure(result.noiseFloor()) + ".";
	}

	private String degradedFinding(ModelResult result, String key) {
		Metric metric = Metric.ofKey(key).orElseThrow();
		return label(metric) + " " + Numbers.figure(result.metrics().get(key)) + " above the threshold "
				+ Numbers.figure(this.rules.performanceThresholds().of(metric)) + ".";
	}

	private static String evaluation(String metric, EvaluationSource source) {
		return metric + ": evaluation " + source.evaluationId() + " of " + Numbers.time(source.evaluatedAt())
				+ ((source.modelVersion() != null) ? ", model version " + source.modelVersion() : "");
	}

	private List<RunReportPage.Fact> facts(MonitoringRun run, MonitoringRunResponse answer) {
		return List.of(new RunReportPage.Fact("status", run.status()),
				new RunReportPage.Fact("tenants", String.valueOf(answer.tenants())),
				new RunReportPage.Fact("models", String.valueOf(answer.results().size())),
				new RunReportPage.Fact("drift",
						answer.driftDetected() + " of " + answer.driftChecked() + " checked, " + answer.driftSkipped()
								+ " with too few predictions"),
				new RunReportPage.Fact("performance",
						answer.performanceDegraded() + " of " + answer.performanceChecked() + " checks degraded"),
				new RunReportPage.Fact("unusable input",
						answer.invalidEvaluations() + " evaluations, " + answer.invalidRecords() + " log records"),
				new RunReportPage.Fact("events",
						answer.eventsPublished() + " published, " + answer.eventsPending() + " pending"),
				new RunReportPage.Fact("drift skipped because",
						(answer.driftSkippedReason() != null) ? answer.driftSkippedReason() : "–"));
	}

	private String rules() {
		Double gate = this.rules.psiMaxPValue().maxPValue();
		return "Drift: PSI above " + Numbers.figure(this.rules.psiThreshold())
				+ ((gate != null) ? " and p-value below " + Numbers.figure(gate) : "") + ". Degraded: Brier above "
				+ Numbers.figure(this.rules.brierThreshold()) + ", MAE above "
				+ Numbers.figure(this.rules.maeThreshold()) + ". Thresholds as configured now.";
	}

	/** A metric as the reports name it. */
	private static String label(Metric metric) {
		return switch (metric) {
			case BRIER -> "Brier score";
			case MAE -> "MAE";
		};
	}

	/** Since when a finding fires, from its alert; nothing in a dry run or a backfill. */
	private static String since(ModelResult result, String metric) {
		Lifecycle alert = (result.alerts() != null) ? result.alerts().get(metric) : null;
		if (alert == null) {
			return "";
		}
		if (Lifecycle.NEW.equals(alert.state())) {
			return " New in this run.";
		}
		return " Ongoing since the run of " + Numbers.day(alert.firstDetectedAt()) + " (" + alert.consecutiveRuns()
				+ " runs in a row).";
	}

	private static String verdict(ModelResult result) {
		String verdict = verdict(result.drift(), result.degraded(), result.psi(), result.baselineCount());
		List<String> health = new ArrayList<>(2);
		if (Boolean.TRUE.equals(result.volumeDropped())) {
			health.add("volume dropped");
		}
		if (Boolean.TRUE.equals(result.evaluationStale())) {
			health.add("evaluations stale");
		}
		if (health.isEmpty()) {
			return verdict;
		}
		return verdict.equals("ok") ? String.join("; ", health) : verdict + "; " + String.join("; ", health);
	}

	private static String verdictClass(ModelResult result) {
		String verdictClass = verdictClass(result.drift(), result.degraded(), result.psi(), result.baselineCount());
		boolean unhealthy = Boolean.TRUE.equals(result.volumeDropped())
				|| Boolean.TRUE.equals(result.evaluationStale());
		return (unhealthy && (verdictClass.equals("ok") || verdictClass.equals("skipped"))) ? "degraded" : verdictClass;
	}

	private static String verdict(boolean drift, List<String> degraded, Double psi, Integer baselineCount) {
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

	private static String verdictClass(boolean drift, List<String> degraded, Double psi, Integer baselineCount) {
		if (drift) {
			return "drift";
		}
		if (!degraded.isEmpty()) {
			return "degraded";
		}
		return (psi == null && baselineCount != null) ? "skipped" : "ok";
	}

	private static String pValue(Double value) {
		return Numbers.pValue(value, DriftPValue.SMALLEST_PERMUTATION_P_VALUE);
	}

	private static String count(Integer count) {
		return (count != null) ? String.valueOf(count) : "–";
	}

	private static String window(Window window) {
		return (window != null) ? Numbers.time(window.from()) + " – " + Numbers.time(window.to()) : "–";
	}

	private static String window(TimeWindow window) {
		return Numbers.time(window.from()) + " – " + Numbers.time(window.to());
	}

	/**
	 * The model report, relative to a run report, so that links work wherever the service
	 * is mounted; null for a model id holding "/", which no path can carry.
	 */
	private static String modelReport(String tenantId, String modelId) {
		if (modelId.contains("/")) {
			return null;
		}
		return "../../" + UriComponentsBuilder.fromPath("models/{tenantId}/{modelId}/report")
			.buildAndExpand(tenantId, modelId)
			.encode()
			.toUriString();
	}

	private static String encode(String text) {
		return UriUtils.encode(text, StandardCharsets.UTF_8);
	}

}
