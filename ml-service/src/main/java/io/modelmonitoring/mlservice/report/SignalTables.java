package io.modelmonitoring.mlservice.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.modelmonitoring.contracts.Lifecycle;
import io.modelmonitoring.mlservice.performance.Metric;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.SignalResult;

/**
 * Puts a model's segments or features in the order a reader looks at them: the flagged
 * (drifted or degraded) first, then by PSI, largest first; those without a PSI last, then
 * by name. The page stays bounded however many a model has: a model may have a segment
 * per value of each dimension and dozens of features.
 */
final class SignalTables {

	static final int MOST_ROWS = 50;

	static final int MOST_CHARTS = 10;

	/**
	 * Names longer than this are cut in the table; the title attribute has them in full.
	 */
	static final int MOST_NAME_CHARS = 120;

	/** The title attribute carries at most this much of a name. */
	private static final int MOST_TITLE_CHARS = 1024;

	static final Comparator<SignalResult> READING_ORDER = Comparator
		.comparing((SignalResult signal) -> !signal.flagged())
		.thenComparing(SignalResult::psi, Comparator.nullsLast(Comparator.reverseOrder()))
		.thenComparing(SignalTables::name, Comparator.nullsLast(Comparator.naturalOrder()));

	private SignalTables() {
	}

	/**
	 * @param chartIdPrefix makes chart ids unique in the page: the model's section id
	 */
	static SignalTable of(List<SignalResult> signals, String chartIdPrefix) {
		List<SignalResult> ordered = signals.stream().sorted(READING_ORDER).toList();
		List<SignalTable.Row> rows = new ArrayList<>(Math.min(ordered.size(), MOST_ROWS));
		List<SignalTable.Chart> charts = new ArrayList<>();
		for (SignalResult signal : ordered.subList(0, Math.min(ordered.size(), MOST_ROWS))) {
			String chartId = null;
			if (signal.drift() && signal.histogram() != null && !signal.histogram().isEmpty()) {
				if (charts.size() < MOST_CHARTS) {
					chartId = chartIdPrefix + "/" + (isSegment(signal) ? "segment" : "feature") + "/" + charts.size();
					charts.add(new SignalTable.Chart(chartId, shown(signal), caption(signal),
							BinChart.of(signal.histogram())));
				}
			}
			rows.add(row(signal, chartId));
		}
		long charted = ordered.stream()
			.filter((signal) -> signal.drift() && signal.histogram() != null && !signal.histogram().isEmpty())
			.count();
		return new SignalTable(rows, ordered.size() - rows.size(), charts, (int) (charted - charts.size()));
	}

	/** A segment's {@code dimension=value}, or a feature's name. */
	static String name(SignalResult signal) {
		return isSegment(signal) ? signal.segment() : signal.feature();
	}

	private static boolean isSegment(SignalResult signal) {
		return signal.segment() != null;
	}

	/** The name, cut for the page's text when it is too long. */
	static String shown(SignalResult signal) {
		String name = String.valueOf(name(signal));
		return (name.length() > MOST_NAME_CHARS) ? name.substring(0, MOST_NAME_CHARS) + "…" : name;
	}

	private static SignalTable.Row row(SignalResult signal, String chartId) {
		String name = String.valueOf(name(signal));
		String fullName = (name.length() > MOST_NAME_CHARS)
				? ((name.length() > MOST_TITLE_CHARS) ? name.substring(0, MOST_TITLE_CHARS) + "…" : name) : null;
		List<SignalTable.MetricCell> metrics = new ArrayList<>(Metric.values().length);
		for (Metric metric : Metric.values()) {
			Double value = (signal.metrics() != null) ? signal.metrics().get(metric.key()) : null;
			metrics.add(new SignalTable.MetricCell(Numbers.figure(value), signal.degraded().contains(metric.key())));
		}
		String counts = (signal.baselineCount() != null) ? signal.baselineCount() + " / " + signal.currentCount() : "–";
		return new SignalTable.Row(shown(signal), fullName, (signal.kind() != null) ? signal.kind() : "–", counts,
				Numbers.figure(signal.psi()), Numbers.pValue(signal.pValue()), Numbers.pValue(signal.adjustedPValue()),
				verdict(signal), verdictClass(signal), metrics, alert(signal.alerts()), chartId);
	}

	private static String verdict(SignalResult signal) {
		List<String> parts = new ArrayList<>(2);
		if (signal.drift()) {
			parts.add("drift");
		}
		if (!signal.degraded().isEmpty()) {
			parts.add("degraded: " + String.join(", ", signal.degraded()));
		}
		if (!parts.isEmpty()) {
			return String.join("; ", parts);
		}
		return (signal.psi() == null && signal.baselineCount() != null) ? "too few values" : "ok";
	}

	private static String verdictClass(SignalResult signal) {
		if (signal.drift()) {
			return "drift";
		}
		if (!signal.degraded().isEmpty()) {
			return "degraded";
		}
		return (signal.psi() == null && signal.baselineCount() != null) ? "skipped" : "ok";
	}

	private static String alert(Map<String, Lifecycle> alerts) {
		if (alerts == null || alerts.isEmpty()) {
			return "";
		}
		return alerts.entrySet()
			.stream()
			.map((alert) -> Labels.alertKey(alert.getKey()) + " " + Labels.state(alert.getValue()))
			.collect(Collectors.joining("; "));
	}

	private static String caption(SignalResult signal) {
		return "PSI " + Numbers.figure(signal.psi()) + ", adjusted p-value " + Numbers.pValue(signal.adjustedPValue())
				+ "; " + signal.baselineCount() + " baseline and " + signal.currentCount() + " current values";
	}

}
