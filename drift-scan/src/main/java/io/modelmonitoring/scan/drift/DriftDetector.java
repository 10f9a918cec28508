package io.modelmonitoring.scan.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.modelmonitoring.scan.binning.BinnedWindows;
import io.modelmonitoring.scan.model.FeatureWindows;
import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.ModelSignals;
import io.modelmonitoring.scan.model.WindowSamples;

/**
 * Judges the drift of every model seen in the logs: its predictions, the predictions of
 * each of its segments, and each of its input features. The p-value gate applies after a
 * Benjamini–Hochberg adjustment over all of one model's checks, so that a model with many
 * checks does not alert on noise more often than a model with one. Pure: no Spring, no
 * I/O.
 */
public final class DriftDetector {

	private DriftDetector() {
	}

	/** The checks of the predictions alone. */
	public static List<DriftCheck> evaluate(Map<ModelKey, WindowSamples> samples, DriftSettings settings) {
		return evaluate(samples, Map.of(), settings);
	}

	/**
	 * The checks of every model, sorted by tenant then model; per model its predictions
	 * first, then its segments by name, then its features in the order given. Models are
	 * checked in parallel: a small window's permutation test costs up to a few tens of
	 * milliseconds, and each model's checks are a pure function of its samples, so the
	 * order of work changes nothing.
	 */
	public static List<DriftCheck> evaluate(Map<ModelKey, WindowSamples> samples, Map<ModelKey, ModelSignals> signals,
			DriftSettings settings) {
		return samples.entrySet()
			.parallelStream()
			.sorted(Map.Entry.comparingByKey())
			.flatMap((entry) -> model(entry.getKey(), entry.getValue(), signals.get(entry.getKey()), settings).stream())
			.toList();
	}

	static List<DriftCheck> model(ModelKey model, WindowSamples predictions, ModelSignals signals,
			DriftSettings settings) {
		List<DriftCheck> checks = new ArrayList<>();
		// A scan spread over machines sketches the predictions: their exact bins come
		// binned, like a segment's.
		checks.add((signals != null && signals.predictions() != null)
				? numeric(model, null, DriftCheck.PREDICTION, signals.predictions(), settings)
				: predictions(model, predictions, settings));
		if (signals != null) {
			signals.segments()
				.forEach((segment, windows) -> checks
					.add(numeric(model, segment, DriftCheck.PREDICTION, windows, settings)));
			signals.features().forEach((feature, windows) -> {
				if (!DriftCheck.PREDICTION.equals(feature)) {
					checks.add(feature(model, feature, windows, settings));
				}
			});
		}
		return judge(checks, settings);
	}

	static DriftCheck check(ModelKey model, WindowSamples samples, DriftSettings settings) {
		return judge(List.of(predictions(model, samples, settings)), settings).get(0);
	}

	private static DriftCheck predictions(ModelKey model, WindowSamples samples, DriftSettings settings) {
		int baselineCount = samples.baseline().size();
		int currentCount = samples.current().size();
		if (baselineCount < settings.minSamples() || currentCount < settings.minSamples()) {
			return skipped(model, null, DriftCheck.PREDICTION, baselineCount, currentCount, null);
		}
		PsiResult psi = Psi.compute(samples.baseline().toArray(), samples.current().toArray(), settings.bins(),
				settings.smoothing());
		return new DriftCheck(model, null, DriftCheck.PREDICTION, baselineCount, currentCount, psi, null, null, false);
	}

	private static DriftCheck numeric(ModelKey model, String segment, String feature, BinnedWindows windows,
			DriftSettings settings) {
		int baselineCount = Math.toIntExact(windows.baselineCount());
		int currentCount = Math.toIntExact(windows.currentCount());
		if (baselineCount < settings.minSamples() || currentCount < settings.minSamples()) {
			return skipped(model, segment, feature, baselineCount, currentCount, null);
		}
		PsiResult psi = Psi.compute(windows, settings.bins(), settings.smoothing());
		return new DriftCheck(model, segment, feature, baselineCount, currentCount, psi, null, null, false);
	}

	/** A feature is checked as the kind most of its values are. */
	private static DriftCheck feature(ModelKey model, String feature, FeatureWindows windows, DriftSettings settings) {
		if (!windows.categorical()) {
			return numeric(model, null, feature, windows.numbers(), settings);
		}
		CategoryCounts counts = windows.categories();
		int baselineCount = Math.toIntExact(counts.baselineCount());
		int currentCount = Math.toIntExact(counts.currentCount());
		if (baselineCount < settings.minSamples() || currentCount < settings.minSamples()) {
			return skipped(model, null, feature, baselineCount, currentCount, List.of());
		}
		CategoricalPsiResult result = CategoricalPsi.compute(counts, settings.maxCategories(), settings.smoothing());
		return new DriftCheck(model, null, feature, baselineCount, currentCount, result.psi(), result.categories(),
				null, false);
	}

	private static DriftCheck skipped(ModelKey model, String segment, String feature, int baselineCount,
			int currentCount, List<String> categories) {
		return new DriftCheck(model, segment, feature, baselineCount, currentCount, null, categories, null, false);
	}

	/** The adjusted p-values over the model's checks, and each check's verdict. */
	private static List<DriftCheck> judge(List<DriftCheck> checks, DriftSettings settings) {
		Double[] pValues = checks.stream()
			.map((check) -> check.skipped() ? null : check.psi().pValue())
			.toArray(Double[]::new);
		Double[] adjusted = BenjaminiHochberg.adjust(pValues);
		List<DriftCheck> judged = new ArrayList<>(checks.size());
		for (int i = 0; i < checks.size(); i++) {
			DriftCheck check = checks.get(i);
			boolean drift = !check.skipped() && check.psi().psi() > settings.threshold()
					&& (settings.maxPValue() == null || adjusted[i] < settings.maxPValue());
			judged.add(check.judged(adjusted[i], drift));
		}
		return judged;
	}

}
