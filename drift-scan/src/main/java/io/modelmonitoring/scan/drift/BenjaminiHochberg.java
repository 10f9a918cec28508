package io.modelmonitoring.scan.drift;

/** TEMPORARY stand-in. */
public final class BenjaminiHochberg {

	private BenjaminiHochberg() {
	}

	public static Double[] adjust(Double[] pValues) {
		return pValues.clone();
	}

}
