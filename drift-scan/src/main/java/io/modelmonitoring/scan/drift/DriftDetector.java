package io.modelmonitoring.scan.drift;

import java.util.List;
import java.util.Map;

import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.WindowSamples;

/**
 * Judges the prediction drift of every model seen in the logs. Pure: no Spring, no I/O.
 */
public final class DriftDetector {

	private DriftDetector() {
	}

	/**
	 * One check per model, sorted by tenant then model. Models are checked in parallel: a
	 * small window's permutation test costs up to a few tens of milliseconds, and each
	 * check is a pure function of its samples, so the order of work changes nothing.
	 */
	public static List<DriftCheck> evaluate(Map<ModelKey, WindowSamples> samples, DriftSettings settings) {
		return samples.entrySet()
			.parallelStream()
			.sorted(Map.Entry.comparingByKey())
			.map((entry) -> check(entry.getKey(), entry.getValue(), settings))
			.toList();
	}

	static DriftCheck check(ModelKey model, WindowSamples samples, DriftSettings settings) {
		int baselineCount = samples.baseline().size();
		int currentCount = samples.current().size();
		if (baselineCount < settings.minSamples() || currentCount < settings.minSamples()) {
			return new DriftCheck(model, baselineCount, currentCount, null, false);
		}
		PsiResult psi = Psi.compute(samples.baseline().toArray(), samples.current().toArray(), settings.bins(),
				settings.smoothing());
		boolean drift = psi.psi() > settings.threshold()
				&& (settings.maxPValue() == null || psi.pValue() < settings.maxPValue());
		return new DriftCheck(model, baselineCount, currentCount, psi, drift);
	}

}
