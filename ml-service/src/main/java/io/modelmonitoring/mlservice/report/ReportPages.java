package io.modelmonitoring.mlservice.report;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.modelmonitoring.mlservice.monitoring.ModelMonitoringProperties;
import io.modelmonitoring.mlservice.monitoring.MonitoringWindows;
import io.modelmonitoring.mlservice.monitoring.ReportLinks;
import io.modelmonitoring.mlservice.runs.ModelHistoryEntry;
import io.modelmonitoring.mlservice.runs.ModelResultStore;
import io.modelmonitoring.mlservice.runs.MonitoringRun;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.ModelResult;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.SignalCounts;
import io.modelmonitoring.mlservice.runs.MonitoringRunStore;
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

	private final Clock clock;

	private final ModelSections modelSections;

	ReportPages(MonitoringRunStore runs, ModelResultStore results, ModelMonitoringProperties rules, Clock clock) {
		this.runs = runs;
		this.results = results;
		this.clock = clock;
		this.modelSections = new ModelSections(rules);
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
			rows.add(new RunReportPage.SummaryRow(result.tenantId(), result.modelId(), sectionId,
					ModelSections.verdict(result), ModelSections.verdictClass(result), Numbers.figure(result.psi()),
					Numbers.pValue(result.pValue()), Numbers.figure(result.noiseFloor()),
					Numbers.figure(result.metrics().get("brier")), Numbers.figure(result.metrics().get("mae")),
					count(result.baselineCount()), count(result.currentCount()), modelReport));
			if (result.flagged()) {
				List<ModelHistoryEntry> history = this.results.history(result.tenantId(), result.modelId(),
						answer.asOf(), TREND_RUNS);
				sections.add(this.modelSections.section(result, history, modelReport));
			}
		}
		MonitoringWindows windows = MonitoringWindows.of(answer.asOf());
		return Optional.of(new RunReportPage(run.runId(), Numbers.time(answer.asOf()), window(windows.baseline()),
				window(windows.current()), facts(run, answer), this.modelSections.rules(), rows, sections,
				Numbers.time(this.clock.instant())));
	}

	/** Empty when no completed run checked this model. */
	Optional<ModelReportPage> model(String tenantId, String modelId, int limit) {
		List<ModelHistoryEntry> history = this.results.history(tenantId, modelId, null, limit);
		if (history.isEmpty()) {
			return Optional.empty();
		}
		ModelResult latest = this.results.result(history.get(0).runId(), tenantId, modelId).orElse(null);
		ModelSection section = (latest != null) ? this.modelSections.section(latest, history, null) : null;
		List<ModelReportPage.HistoryRow> rows = history.stream()
			.map((entry) -> new ModelReportPage.HistoryRow(entry.runId(), Numbers.time(entry.asOf()),
					ModelSections.verdict(entry.drift(), entry.degraded(), entry.psi(), entry.baselineCount()),
					ModelSections.verdictClass(entry.drift(), entry.degraded(), entry.psi(), entry.baselineCount()),
					Numbers.figure(entry.psi()), Numbers.pValue(entry.pValue()),
					Numbers.figure(entry.metrics().get("brier")), Numbers.figure(entry.metrics().get("mae")),
					count(entry.baselineCount()), count(entry.currentCount()),
					"../../../runs/" + encode(entry.runId()) + "/report#"
							+ encode(ReportLinks.sectionId(tenantId, modelId))))
			.toList();
		return Optional.of(new ModelReportPage(tenantId, modelId, section, rows, Numbers.time(this.clock.instant())));
	}

	private List<RunReportPage.Fact> facts(MonitoringRun run, MonitoringRunResponse answer) {
		// Runs kept before segments and features were checked have no signal counts.
		SignalCounts signals = (answer.signals() != null) ? answer.signals() : SignalCounts.NONE;
		return List.of(new RunReportPage.Fact("status", run.status()),
				new RunReportPage.Fact("tenants", String.valueOf(answer.tenants())),
				new RunReportPage.Fact("models", String.valueOf(answer.results().size())),
				new RunReportPage.Fact("drift",
						answer.driftDetected() + " of " + answer.driftChecked() + " checked, " + answer.driftSkipped()
								+ " with too few predictions"),
				new RunReportPage.Fact("performance",
						answer.performanceDegraded() + " of " + answer.performanceChecked() + " checks degraded"),
				new RunReportPage.Fact("segments",
						signals.segmentsDrifted() + " of " + signals.segmentsChecked() + " drifted, "
								+ signals.segmentsSkipped() + " with too few predictions; "
								+ signals.segmentMetricsDegraded() + " of " + signals.segmentMetricsChecked()
								+ " metric checks degraded"),
				new RunReportPage.Fact("features",
						signals.featuresDrifted() + " of " + signals.featuresChecked() + " drifted, "
								+ signals.featuresSkipped() + " with too few values"),
				new RunReportPage.Fact("unusable input",
						answer.invalidEvaluations() + " evaluations, " + answer.invalidRecords() + " log records"),
				new RunReportPage.Fact("events",
						answer.eventsPublished() + " published, " + answer.eventsPending() + " pending"),
				new RunReportPage.Fact("drift skipped because",
						(answer.driftSkippedReason() != null) ? answer.driftSkippedReason() : "–"));
	}

	private static String count(Integer count) {
		return (count != null) ? String.valueOf(count) : "–";
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
