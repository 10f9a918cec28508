package io.modelmonitoring.scan.drift;

/**
 * How far a p-value of the permutation test may lie from a reference estimate: four
 * standard errors of a share estimated from its relabellings (the first stage's for a
 * p-value it stops at, the second stage's below that: the third only narrows it), and two
 * steps of it.
 */
public final class PermutationTolerance {

	private PermutationTolerance() {
	}

	public static double of(double pValue) {
		int rounds = (pValue >= PermutationTest.STOP_AT) ? PermutationTest.FIRST_ROUNDS + 1
				: PermutationTest.ROUNDS + 1;
		return 4 * Math.sqrt(pValue * (1 - pValue) / rounds) + 2.0 / rounds;
	}

}
