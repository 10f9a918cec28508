package io.modelmonitoring.scan.drift;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Expected q-values from scipy.stats.false_discovery_control(p, method='bh'), printed by
 * src/test/resources/drift/categorical_reference.py.
 */
class BenjaminiHochbergTests {

	@Test
	void matchesScipyInTheInputOrder() {
		// bh mixed: [0.035, 0.055999999999999994, 0.055999999999999994, 0.035,
		// 0.23333333333333336, 0.9, 0.055999999999999994]
		assertQValues(new Double[] { 0.01, 0.04, 0.03, 0.005, 0.2, 0.9, 0.04 }, 0.035, 0.055999999999999994,
				0.055999999999999994, 0.035, 0.23333333333333336, 0.9, 0.055999999999999994);
	}

	@Test
	void tiedPValuesShareOneQValue() {
		// bh ties: [0.026666666666666665, 0.026666666666666665, 0.026666666666666665,
		// 0.5]
		assertQValues(new Double[] { 0.02, 0.02, 0.02, 0.5 }, 0.026666666666666665, 0.026666666666666665,
				0.026666666666666665, 0.5);
	}

	@Test
	void aSingleValueIsItsOwnQValue() {
		// bh single: [0.03]
		assertQValues(new Double[] { 0.03 }, 0.03);
	}

	@Test
	void qValuesAreCappedAtOne() {
		// bh capped: [0.9, 0.9, 0.9]; by hand, 0.6·3/1 = 1.8 is capped by the larger
		// ranks' 0.9.
		assertQValues(new Double[] { 0.6, 0.8, 0.9 }, 0.9, 0.9, 0.9);
		assertQValues(new Double[] { 0.7, 0.6 }, 1.0 * 0.7, 0.7);
	}

	@Test
	void checksWithoutAPValueStayNullAndDoNotCount() {
		// The non-null entries are the "mixed" vector: the same q-values around the
		// nulls.
		Double[] adjusted = BenjaminiHochberg
			.adjust(new Double[] { null, 0.01, 0.04, null, 0.03, 0.005, 0.2, 0.9, 0.04, null });
		assertThat(adjusted[0]).isNull();
		assertThat(adjusted[3]).isNull();
		assertThat(adjusted[9]).isNull();
		assertThat(adjusted[1]).isCloseTo(0.035, within(1e-15));
		assertThat(adjusted[7]).isCloseTo(0.9, within(1e-15));
		assertThat(BenjaminiHochberg.adjust(new Double[] { null, null })).containsExactly(null, null);
		assertThat(BenjaminiHochberg.adjust(new Double[0])).isEmpty();
	}

	@Test
	void refusesAPValueOutsideZeroToOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenjaminiHochberg.adjust(new Double[] { 0.2, Double.NaN }))
			.withMessage("p-value 1 is not in [0, 1]: NaN");
		assertThatIllegalArgumentException().isThrownBy(() -> BenjaminiHochberg.adjust(new Double[] { 1.5 }))
			.withMessage("p-value 0 is not in [0, 1]: 1.5");
	}

	private static void assertQValues(Double[] pValues, double... expected) {
		Double[] adjusted = BenjaminiHochberg.adjust(pValues);
		assertThat(adjusted).hasSize(expected.length);
		for (int i = 0; i < expected.length; i++) {
			assertThat(adjusted[i]).as("q-value %d", i).isCloseTo(expected[i], within(1e-15));
		}
	}

}
