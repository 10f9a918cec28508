package io.modelmonitoring.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What the current window of a simulated pair holds: the baseline's family drifted by a
 * number of standard deviations (none for a healthy pair), or, for the point-mass family,
 * a model that collapsed to one constant prediction.
 */
enum Scenario {

	HEALTHY("0", 0),

	SHIFT_QUARTER("0.25σ", 0.25),

	SHIFT_HALF("0.5σ", 0.5),

	SHIFT_THREE_QUARTERS("0.75σ", 0.75),

	SHIFT_ONE("1σ", 1),

	/** Every current prediction is 0.5. */
	COLLAPSE("collapse", Double.NaN);

	static final double COLLAPSED_PREDICTION = 0.5;

	private final String label;

	private final double shift;

	Scenario(String label, double shift) {
		this.label = label;
		this.shift = shift;
	}

	String label() {
		return this.label;
	}

	/** Whether the table has this scenario for the family. */
	boolean appliesTo(PredictionFamily family) {
		return this != COLLAPSE || family == PredictionFamily.POINT_MASS;
	}

	/** The current window of a pair whose baseline comes from {@code family}. */
	double[] current(PredictionFamily family, SplittableRandom random, int count) {
		return switch (this) {
			case HEALTHY, SHIFT_QUARTER, SHIFT_HALF, SHIFT_THREE_QUARTERS, SHIFT_ONE ->
				family.draw(random, count, this.shift);
			case COLLAPSE -> {
				double[] values = new double[count];
				Arrays.fill(values, COLLAPSED_PREDICTION);
				yield values;
			}
		};
	}

}
