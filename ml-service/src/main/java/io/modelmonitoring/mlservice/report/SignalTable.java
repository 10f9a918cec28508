package io.modelmonitoring.mlservice.report;

import java.util.List;

/**
 * The segments or the input features of one model in one run, as a table: flagged rows
 * first, then by PSI, at most {@value SignalTables#MOST_ROWS} rows, and a bar chart for
 * each drifted one (at most {@value SignalTables#MOST_CHARTS}).
 *
 * @param notShown rows left out of the table
 * @param charts the drifted rows' bin charts, in the table's order
 * @param chartsNotShown drifted rows left without a chart
 */
public record SignalTable(List<Row> rows, int notShown, List<Chart> charts, int chartsNotShown) {

	public boolean isEmpty() {
		return this.rows.isEmpty();
	}

	/**
	 * @param name the segment ({@code dimension=value}) or the feature, cut to
	 * {@value SignalTables#MOST_NAME_CHARS} characters
	 * @param fullName the name in full when it was cut, else null
	 * @param verdict drift, degraded (with the metrics), too few values, or ok
	 * @param metrics a segment's Brier and MAE, in the order of {@code Metric}
	 * @param alert the state of each firing alert, e.g. "drift new in this run"
	 * @param chartId the id of its chart in the page; null without one
	 */
	public record Row(String name, String fullName, String kind, String counts, String psi, String pValue,
			String adjustedPValue, String verdict, String verdictClass, List<MetricCell> metrics, String alert,
			String chartId) {
	}

	/** A segment's value of one metric, marked when above its threshold. */
	public record MetricCell(String value, boolean degraded) {
	}

	public record Chart(String id, String name, String caption, BinChart chart) {
	}

}
