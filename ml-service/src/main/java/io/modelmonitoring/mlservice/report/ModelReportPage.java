package io.modelmonitoring.mlservice.report;

import java.util.List;

/**
 * One model over time: its newest result in full, its signals as trends and a row per
 * past run.
 *
 * @param latest the newest run's section
 */
public record ModelReportPage(String tenantId, String modelId, ModelSection latest, List<HistoryRow> history,
		String generatedAt) {

	public record HistoryRow(String runId, String asOf, String verdict, String verdictClass, String psi, String pValue,
			String brier, String mae, String baselineCount, String currentCount, String runReport) {
	}

}
