package io.modelmonitoring.mlservice.report;

import java.util.List;

/**
 * What the run report shows: the run's facts, one summary row per model (drifted and
 * degraded first), and a section for each of those.
 */
public record RunReportPage(String runId, String asOf, String baselineWindow, String currentWindow, List<Fact> facts,
		String rules, List<SummaryRow> rows, List<ModelSection> sections, String generatedAt) {

	public record Fact(String label, String value) {
	}

	/**
	 * @param sectionId the id of the model's section in this page; null when it has none
	 * @param verdict what the run found, in a word or two
	 * @param verdictClass drift, degraded, skipped or ok: how the verdict is coloured
	 */
	public record SummaryRow(String tenantId, String modelId, String sectionId, String verdict, String verdictClass,
			String psi, String pValue, String noiseFloor, String brier, String mae, String baselineCount,
			String currentCount, String modelReport) {
	}

}
