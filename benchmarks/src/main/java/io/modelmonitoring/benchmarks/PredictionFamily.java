package io.modelmonitoring.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A distribution of one model's predictions, and how it drifts by k standard deviations.
 * <p>
 * Draws come from a {@link SplittableRandom}: Beta(2,5) as the second smallest of six
 * uniforms (the k-th order statistic of n uniforms is Beta(k, n−k+1)), normal values from
 * {@link SplittableRandom#nextGaussian()}, lognormal ones as exp(0.5·Z), and the discrete
 * families by inverting their cumulative probabilities at one uniform. Every draw is
 * exact and none needs a numerical inverse.
 * <p>
 * σ is the healthy family's standard deviation, in closed form:
 * <ul>
 * <li>Beta(2,5): mean 2/7, variance ab/((a+b)²(a+b+1)) = 10/392, σ = √5/14 ≈
 * 0.159719;</li>
 * <li>normal(0,1): σ = 1;</li>
 * <li>lognormal(0, 0.5): variance (e^0.25 − 1)·e^0.25, σ ≈ 0.603901;</li>
 * <li>three values 0.2/0.5/0.8 with probabilities 0.5/0.3/0.2: mean 0.41, E[X²] 0.223,
 * variance 0.0549, σ ≈ 0.234307;</li>
 * <li>point mass, 95 % exactly 1.0 and 5 % Beta(2,5): mean 1 − 0.05·5/7 = 27/28, E[X²] =
 * 0.95 + 0.05·3/28, variance 20/784 = 5/196, so σ = √5/14 as for Beta(2,5).</li>
 * </ul>
 * A drift of k σ adds kσ to every value of a continuous family. The three-valued family
 * moves probability δ = kσ/0.6 (at most 0.5) from 0.2 to 0.8, which raises the mean by
 * 0.6δ = kσ; the point-mass family moves δ = kσ·7/5 (at most 0.95) from 1.0 to its
 * Beta(2,5) part, which lowers the mean by δ(1 − 2/7) = kσ.
 */
enum PredictionFamily {

	BETA("beta", "Beta(2,5)", Math.sqrt(5) / 14),

	NORMAL("normal", "normal(0,1)", 1.0),

	LOGNORMAL("lognormal", "lognormal(0, 0.5)", Math.sqrt((Math.exp(0.25) - 1) * Math.exp(0.25))),

	THREE_VALUED("three-valued", "0.2/0.5/0.8 (p 0.5/0.3/0.2)", Math.sqrt(0.0549)),

	POINT_MASS("point-mass", "95 % at 1.0 + 5 % Beta(2,5)", Math.sqrt(5) / 14);

	private static final double POINT_MASS_SHARE = 0.95;

	private final String option;

	private final String label;

	private final double sigma;

	PredictionFamily(String option, String label, double sigma) {
		this.option = option;
		this.label = label;
		this.sigma = sigma;
	}

	/** The name {@code --families} takes. */
	String option() {
		return this.option;
	}

	/** The name the table prints. */
	String label() {
		return this.label;
	}

	/** The healthy family's standard deviation. */
	double sigma() {
		return this.sigma;
	}

	static PredictionFamily of(String option) {
		return Arrays.stream(values())
			.filter((family) -> family.option.equals(option))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("--families: unknown family '" + option
					+ "', expected one of " + Arrays.stream(values()).map(PredictionFamily::option).toList()));
	}

	/** {@code count} predictions drifted by {@code shift} standard deviations. */
	double[] draw(SplittableRandom random, int count, double shift) {
		double[] values = new double[count];
		for (int i = 0; i < count; i++) {
			values[i] = draw(random, shift);
		}
		return values;
	}

	/** One prediction drifted by {@code shift} standard deviations. */
	double draw(SplittableRandom random, double shift) {
		return switch (this) {
			case BETA -> beta25(random) + shift * this.sigma;
			case NORMAL -> random.nextGaussian() + shift * this.sigma;
			case LOGNORMAL -> Math.exp(0.5 * random.nextGaussian()) + shift * this.sigma;
			case THREE_VALUED -> {
				double moved = Math.min(shift * this.sigma / 0.6, 0.5);
				double u = random.nextDouble();
				yield (u < 0.5 - moved) ? 0.2 : (u < 0.8 - moved) ? 0.5 : 0.8;
			}
			case POINT_MASS -> {
				double moved = Math.min(shift * this.sigma * 7 / 5, POINT_MASS_SHARE);
				yield (random.nextDouble() < POINT_MASS_SHARE - moved) ? 1.0 : beta25(random);
			}
		};
	}

	/** The second smallest of six uniforms: Beta(2, 5). */
	private static double beta25(SplittableRandom random) {
		double smallest = Double.MAX_VALUE;
		double second = Double.MAX_VALUE;
		for (int i = 0; i < 6; i++) {
			double u = random.nextDouble();
			if (u < smallest) {
				second = smallest;
				smallest = u;
			}
			else if (u < second) {
				second = u;
			}
		}
		return second;
	}

}
