package io.modelmonitoring.mlservice.report;

import java.util.List;

/**
 * One model's findings in one run: why it was flagged, the bins of its drift check, its
 * segments and features, and its signals over the last runs.
 *
 * @param findings one sentence per finding, with the figures that decided it
 * @param binChart null when the model had no drift check with bins
 * @param trends one chart per signal that has values
 * @param evaluations where the performance values come from
 * @param segments its segments, flagged first
 * @param features its input features, flagged first
 * @param ignored what the run left unchecked, in a sentence; null when nothing
 */
public record ModelSection(String sectionId, String tenantId, String modelId, String verdictClass,
		List<String> findings, String baselineWindow, String currentWindow, String counts, BinChart binChart,
		List<TrendChart> trends, List<String> evaluations, String modelReport, SignalTable segments,
		SignalTable features, String ignored) {
}
