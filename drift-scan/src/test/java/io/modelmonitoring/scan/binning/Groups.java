package io.modelmonitoring.scan.binning;

import java.util.SplittableRandom;

/**
 * Random windows of the shapes PSI meets: continuous, few distinct values, point masses
 * of about 1/bins and more, all equal, mixtures with both zeros, subnormals and the
 * extreme doubles.
 */
final class Groups {

	enum Shape {

		CONTINUOUS, FEW_VALUES, POINT_MASS, HEAVY_POINT_MASS, ALL_EQUAL, ZEROS_AND_TINY, EXTREMES, HUGE_AND_TINY

	}

	private Groups() {
	}

	static double[] values(Shape shape, int size, int bins, double shift, SplittableRandom random) {
		double[] values = new double[size];
		double mass = random.nextInt(3) / 4.0 + 0.5;
		for (int i = 0; i < size; i++) {
			values[i] = value(shape, bins, shift, mass, random);
		}
		return values;
	}

	private static double value(Shape shape, int bins, double shift, double mass, SplittableRandom random) {
		double u = random.nextDouble();
		return switch (shape) {
			case CONTINUOUS -> random.nextGaussian() + shift;
			case FEW_VALUES -> random.nextInt(2 + (int) (u * 5)) * 0.1 + shift;
			// a point mass of exactly about one bin, the boundary case of the nextDown
			// edge
			case POINT_MASS -> (u < 1.0 / bins) ? 0.3 : random.nextGaussian() * 0.1 + 0.3 + shift;
			case HEAVY_POINT_MASS -> (u < 0.5) ? 0.7 : ((u < 0.5 + 1.5 / bins) ? 0.2 : random.nextDouble() + shift);
			case ALL_EQUAL -> 0.42 + shift;
			case ZEROS_AND_TINY -> switch (random.nextInt(6)) {
				case 0 -> -0.0;
				case 1 -> 0.0;
				case 2 -> Double.MIN_VALUE * random.nextInt(5);
				case 3 -> -Double.MIN_VALUE * random.nextInt(5);
				case 4 -> Math.nextUp(0.0) * mass;
				default -> random.nextGaussian() * 1e-310 + shift * Double.MIN_NORMAL;
			};
			case EXTREMES -> switch (random.nextInt(4)) {
				case 0 -> Double.MAX_VALUE;
				case 1 -> -Double.MAX_VALUE;
				case 2 -> Math.nextDown(Double.MAX_VALUE) * (2 * u - 1);
				default -> random.nextGaussian() + shift;
			};
			case HUGE_AND_TINY -> random.nextGaussian() * Math.pow(10, random.nextInt(-300, 300)) + shift;
		};
	}

}
