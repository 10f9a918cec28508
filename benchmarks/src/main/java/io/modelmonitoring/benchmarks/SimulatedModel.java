package io.modelmonitoring.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.modelmonitoring.scan.drift.BenjaminiHochberg;
import io.modelmonitoring.scan.drift.CategoricalPsi;
import io.modelmonitoring.scan.drift.CategoryCounts;
import io.modelmonitoring.scan.drift.DriftSettings;
import io.modelmonitoring.scan.drift.Psi;
import io.modelmonitoring.scan.drift.PsiResult;

/**
 * One simulated model with many drift checks: its records carry a prediction (Beta(2,5)),
 * one of {@value #SEGMENTS} segment values, {@value #FEATURES} numeric and
 * {@value #FEATURES} categorical features, all drawn independently, so that with no drift
 * every check's null hypothesis holds.
 * <ul>
 * <li>1 check of the prediction, over every record;</li>
 * <li>1 of the prediction per segment value, on its records; segment s holds a share (20
 * − s)/210 (9.5 % down to 0.5 %), and a segment under the service's minimum in either
 * window is skipped, as the service skips a model;</li>
 * <li>1 per numeric feature, of ten shapes ({@link NumericShape}): the five prediction
 * families, point masses and discrete ones among them, and five more;</li>
 * <li>1 per categorical feature, with 3 to 50 categories, Zipf (weight 1/(rank)) or
 * uniform shares alternately, by {@link CategoricalPsi} with 20 top categories.</li>
 * </ul>
 * A check alerts when PSI &gt; 0.2 and its p-value, raw or BH-adjusted over the model's
 * checks, is under 0.01.
 */
final class SimulatedModel {

	static final int SEGMENTS = 20;

	static final int FEATURES = 10;

	/** Categories of the categorical features, in feature order. */
	static final int[] CATEGORIES = { 3, 4, 6, 8, 12, 20, 25, 30, 40, 50 };

	/** The drift of {@link Scenario#SEGMENT}: the largest segment's predictions, 1 σ. */
	static final int SHIFTED_SEGMENT = 0;

	/** The drift of {@link Scenario#NUMERIC}: the normal feature, 1 σ. */
	static final int SHIFTED_NUMERIC = NumericShape.NORMAL.ordinal();

	/**
	 * The drift of {@link Scenario#CATEGORY}: the 8 uniform categories, the first 5 times
	 * as likely.
	 */
	static final int SHIFTED_CATEGORICAL = 3;

	static final double CATEGORY_SHIFT_WEIGHT = 5;

	private SimulatedModel() {
	}

	/** What the model's current window holds. */
	enum Scenario {

		HEALTHY("no drift"), SEGMENT("segment 0 (9.5 %) +1σ"), NUMERIC("numeric feature +1σ"),
		CATEGORY("categorical feature, one of 8 categories ×5");

		private final String label;

		Scenario(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

	}

	/** What a model's checks gave. */
	record Outcome(int checks, int skippedSegments, boolean rawAlert, boolean bhAlert, boolean shiftedRawAlert,
			boolean shiftedBhAlert) {

	}

	static Outcome simulate(Scenario scenario, int n, int m, SplittableRandom random, DriftSettings settings) {
		List<PsiResult> checks = new ArrayList<>();
		int shifted = -1;
		Window baseline = Window.draw(Scenario.HEALTHY, n, random);
		Window current = Window.draw(scenario, m, random);
		checks.add(psi(baseline.prediction, current.prediction, settings));
		int skipped = 0;
		for (int s = 0; s < SEGMENTS; s++) {
			double[] b = baseline.predictionsOf(s);
			double[] c = current.predictionsOf(s);
			if (b.length < settings.minSamples() || c.length < settings.minSamples()) {
				skipped++;
				continue;
			}
			if (scenario == Scenario.SEGMENT && s == SHIFTED_SEGMENT) {
				shifted = checks.size();
			}
			checks.add(psi(b, c, settings));
		}
		for (int f = 0; f < FEATURES; f++) {
			if (scenario == Scenario.NUMERIC && f == SHIFTED_NUMERIC) {
				shifted = checks.size();
			}
			checks.add(psi(baseline.numeric[f], current.numeric[f], settings));
		}
		for (int f = 0; f < FEATURES; f++) {
			if (scenario == Scenario.CATEGORY && f == SHIFTED_CATEGORICAL) {
				shifted = checks.size();
			}
			CategoryCounts counts = new CategoryCounts();
			for (int category : baseline.categorical[f]) {
				counts.addBaseline(name(category));
			}
			for (int category : current.categorical[f]) {
				counts.addCurrent(name(category));
			}
			checks
				.add(CategoricalPsi.compute(counts, CategoricalPsi.DEFAULT_MAX_CATEGORIES, settings.smoothing()).psi());
		}
		Double[] pValues = checks.stream().map(PsiResult::pValue).toArray(Double[]::new);
		Double[] qValues = BenjaminiHochberg.adjust(pValues);
		boolean raw = false;
		boolean bh = false;
		for (int i = 0; i < checks.size(); i++) {
			raw |= alerts(checks.get(i), pValues[i], settings);
			bh |= alerts(checks.get(i), qValues[i], settings);
		}
		boolean shiftedRaw = shifted >= 0 && alerts(checks.get(shifted), pValues[shifted], settings);
		boolean shiftedBh = shifted >= 0 && alerts(checks.get(shifted), qValues[shifted], settings);
		return new Outcome(checks.size(), skipped, raw, bh, shiftedRaw, shiftedBh);
	}

	private static boolean alerts(PsiResult check, double pValue, DriftSettings settings) {
		return check.psi() > settings.threshold() && pValue < settings.maxPValue();
	}

	private static PsiResult psi(double[] baseline, double[] current, DriftSettings settings) {
		return Psi.compute(baseline, current, settings.bins(), settings.smoothing());
	}

	private static String name(int category) {
		return "c" + category;
	}

	/** The ten numeric shapes: the prediction families, and five more. */
	enum NumericShape {

		BETA, NORMAL, LOGNORMAL, THREE_VALUED, POINT_MASS,
		/** U(0, 1). */
		UNIFORM,
		/** Exponential with mean 1. */
		EXPONENTIAL,
		/** Poisson(3) counts, by inversion. */
		POISSON,
		/** 0 or 1, 1 with probability 0.3. */
		BINARY,
		/** 0 with probability 0.7, else lognormal(0, 1). */
		ZERO_INFLATED;

		double draw(SplittableRandom random, double shift) {
			return switch (this) {
				case BETA -> PredictionFamily.BETA.draw(random, shift);
				case NORMAL -> PredictionFamily.NORMAL.draw(random, shift);
				case LOGNORMAL -> PredictionFamily.LOGNORMAL.draw(random, shift);
				case THREE_VALUED -> PredictionFamily.THREE_VALUED.draw(random, shift);
				case POINT_MASS -> PredictionFamily.POINT_MASS.draw(random, shift);
				case UNIFORM -> random.nextDouble();
				case EXPONENTIAL -> -Math.log(1 - random.nextDouble());
				case POISSON -> poisson3(random);
				case BINARY -> (random.nextDouble() < 0.3) ? 1 : 0;
				case ZERO_INFLATED -> (random.nextDouble() < 0.7) ? 0 : Math.exp(random.nextGaussian());
			};
		}

		private static double poisson3(SplittableRandom random) {
			double u = random.nextDouble();
			double term = Math.exp(-3);
			double cumulative = term;
			int k = 0;
			while (u >= cumulative && k < 100) {
				k++;
				term *= 3.0 / k;
				cumulative += term;
			}
			return k;
		}

	}

	/** One window's records, column by column. */
	private record Window(int[] segment, double[] prediction, double[][] numeric, int[][] categorical) {

		static Window draw(Scenario scenario, int size, SplittableRandom random) {
			int[] segment = new int[size];
			double[] prediction = new double[size];
			for (int i = 0; i < size; i++) {
				segment[i] = segment(random);
				double shift = (scenario == Scenario.SEGMENT && segment[i] == SHIFTED_SEGMENT) ? 1 : 0;
				prediction[i] = PredictionFamily.BETA.draw(random, shift);
			}
			double[][] numeric = new double[FEATURES][size];
			for (int f = 0; f < FEATURES; f++) {
				NumericShape shape = NumericShape.values()[f];
				double shift = (scenario == Scenario.NUMERIC && f == SHIFTED_NUMERIC) ? 1 : 0;
				for (int i = 0; i < size; i++) {
					numeric[f][i] = shape.draw(random, shift);
				}
			}
			int[][] categorical = new int[FEATURES][size];
			for (int f = 0; f < FEATURES; f++) {
				double[] cumulative = cumulative(weights(f, scenario == Scenario.CATEGORY && f == SHIFTED_CATEGORICAL));
				for (int i = 0; i < size; i++) {
					categorical[f][i] = inverse(cumulative, random.nextDouble());
				}
			}
			return new Window(segment, prediction, numeric, categorical);
		}

		double[] predictionsOf(int s) {
			int count = 0;
			for (int value : this.segment) {
				count += (value == s) ? 1 : 0;
			}
			double[] values = new double[count];
			int at = 0;
			for (int i = 0; i < this.segment.length; i++) {
				if (this.segment[i] == s) {
					values[at++] = this.prediction[i];
				}
			}
			return values;
		}

		/** Segment s with probability (20 − s)/210. */
		private static int segment(SplittableRandom random) {
			int u = random.nextInt(SEGMENTS * (SEGMENTS + 1) / 2);
			int s = 0;
			while (u >= SEGMENTS - s) {
				u -= SEGMENTS - s;
				s++;
			}
			return s;
		}

		private static double[] weights(int feature, boolean shifted) {
			double[] weights = new double[CATEGORIES[feature]];
			for (int k = 0; k < weights.length; k++) {
				weights[k] = (feature % 2 == 0) ? 1.0 / (k + 1) : 1.0;
			}
			if (shifted) {
				weights[0] *= CATEGORY_SHIFT_WEIGHT;
			}
			return weights;
		}

		private static double[] cumulative(double[] weights) {
			double total = Arrays.stream(weights).sum();
			double[] cumulative = new double[weights.length];
			double sum = 0;
			for (int k = 0; k < weights.length; k++) {
				sum += weights[k] / total;
				cumulative[k] = sum;
			}
			return cumulative;
		}

		private static int inverse(double[] cumulative, double u) {
			int k = 0;
			while (k < cumulative.length - 1 && u >= cumulative[k]) {
				k++;
			}
			return k;
		}

	}

}
