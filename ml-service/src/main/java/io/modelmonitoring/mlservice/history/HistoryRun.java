package io.modelmonitoring.mlservice.history;

import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.modelmonitoring.mlservice.runs.ModelHistoryEntry;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.ModelResult;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.SignalResult;

/**
 * One run of a model's history: the whole model's figures as before, and the segments and
 * features that run flagged, so that a reader follows a segment from run to run. Runs
 * kept before segments and features were checked read as having checked none.
 *
 * @param run the whole model's figures, at the top level as they always were
 * @param adjustedPValue the whole model's p-value after the adjustment over its checks,
 * what the gate compared; null for runs kept before the adjustment
 * @param segmentsChecked the segments in this run's result, checked or skipped for too
 * few values
 * @param featuresChecked the features in this run's result, likewise
 * @param segments the flagged segments, drifted and degraded, largest PSI first, at most
 * {@value #MOST_LISTED}
 * @param features the drifted features, likewise
 * @param segmentsNotShown flagged segments beyond those listed
 * @param featuresNotShown drifted features beyond those listed
 */
record HistoryRun(@JsonUnwrapped ModelHistoryEntry run,
		@JsonInclude(JsonInclude.Include.NON_NULL) Double adjustedPValue, int segmentsChecked, int featuresChecked,
		List<Flagged> segments, List<Flagged> features, int segmentsNotShown, int featuresNotShown) {

	/** A run's lists stay this long however many segments a model has. */
	static final int MOST_LISTED = 20;

	private static final Comparator<SignalResult> LARGEST_PSI_FIRST = Comparator.comparing(SignalResult::psi,
			Comparator.nullsLast(Comparator.reverseOrder()));

	/**
	 * @param result the run's whole result; null when none is kept (the figures alone are
	 * then shown)
	 */
	static HistoryRun of(ModelHistoryEntry run, ModelResult result) {
		if (result == null) {
			return new HistoryRun(run, null, 0, 0, List.of(), List.of(), 0, 0);
		}
		List<SignalResult> segments = flagged(result.segments());
		List<SignalResult> features = flagged(result.features());
		return new HistoryRun(run, result.adjustedPValue(), result.segments().size(), result.features().size(),
				listed(segments, true), listed(features, false),
				segments.size() - Math.min(segments.size(), MOST_LISTED),
				features.size() - Math.min(features.size(), MOST_LISTED));
	}

	private static List<SignalResult> flagged(List<SignalResult> signals) {
		return signals.stream().filter(SignalResult::flagged).sorted(LARGEST_PSI_FIRST).toList();
	}

	private static List<Flagged> listed(List<SignalResult> flagged, boolean segments) {
		return flagged.stream()
			.limit(MOST_LISTED)
			.map((signal) -> new Flagged(segments ? signal.segment() : signal.feature(), signal.psi(),
					signal.adjustedPValue(), signal.drift(), signal.degraded()))
			.toList();
	}

	/**
	 * A segment ({@code dimension=value}) or a feature flagged in one run.
	 *
	 * @param psi null when its windows held too few values
	 * @param degraded a segment's metric keys above their threshold
	 */
	record Flagged(String name, Double psi, Double adjustedPValue, boolean drift, List<String> degraded) {
	}

}
