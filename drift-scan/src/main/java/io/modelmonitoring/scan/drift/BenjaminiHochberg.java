package io.modelmonitoring.scan.drift;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The Benjamini–Hochberg adjustment of one model's drift p-values, so that a gate on the
 * adjusted values bounds the share of false alerts among a model's alerts rather than per
 * check: with 41 checks a model, a gate of 0.01 on raw p-values lets a healthy model
 * alert on about a third of runs. Pure: no Spring, no I/O.
 */
public final class BenjaminiHochberg {

	private BenjaminiHochberg() {
	}

	/**
	 * BH-adjusted p-values (q-values), in the input order: q_(i) = min over j ≥ i of
	 * p_(j)·N/j, capped at 1. Null entries (checks without a p-value) are ignored and
	 * stay null; N counts the non-null entries.
	 * @throws IllegalArgumentException if a p-value is not a number in [0, 1]
	 */
	public static Double[] adjust(Double[] pValues) {
		Integer[] order = IntStream.range(0, pValues.length)
			.filter((i) -> pValues[i] != null)
			.boxed()
			.toArray(Integer[]::new);
		for (int i : order) {
			double p = pValues[i];
			if (!(p >= 0 && p <= 1)) {
				throw new IllegalArgumentException("p-value " + i + " is not in [0, 1]: " + p);
			}
		}
		Arrays.sort(order, Comparator.comparingDouble((Integer i) -> pValues[i]));
		Double[] adjusted = new Double[pValues.length];
		int count = order.length;
		double running = 1.0;
		for (int rank = count; rank >= 1; rank--) {
			int index = order[rank - 1];
			running = Math.min(running, pValues[index] * count / rank);
			adjusted[index] = running;
		}
		return adjusted;
	}

}
