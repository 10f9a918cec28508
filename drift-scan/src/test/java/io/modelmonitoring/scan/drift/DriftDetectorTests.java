package io.modelmonitoring.scan.drift;

import java.util.List;
import java.util.Map;

import io.modelmonitoring.scan.model.DoubleSamples;
import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.WindowSamples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DriftDetectorTests {

	private static final DriftSettings DEFAULTS = new DriftSettings(30, 10, 0.5, 0.2, 0.01);

	private static final DriftSettings PSI_ALONE = new DriftSettings(30, 10, 0.5, 0.2, null);

	@Test
	void exactlyMinSamplesInEachWindowIsChecked() {
		DriftCheck check = DriftDetector.check(key("m"), samples(30, 30, 0.0), DEFAULTS);
		assertThat(check.skipped()).isFalse();
		assertThat(check.baselineCount()).isEqualTo(30);
	}

	@Test
	void oneFewerThanMinSamplesInEitherWindowIsSkipped() {
		assertThat(DriftDetector.check(key("m"), samples(29, 30, 0.0), DEFAULTS).skipped()).isTrue();
		DriftCheck check = DriftDetector.check(key("m"), samples(30, 29, 0.0), DEFAULTS);
		assertThat(check.skipped()).isTrue();
		assertThat(check.drift()).isFalse();
		assertThat(check.currentCount()).isEqualTo(29);
	}

	@Test
	void driftIsAPsiStrictlyAboveTheThreshold() {
		DriftCheck shifted = DriftDetector.check(key("m"), samples(100, 100, 0.5), DEFAULTS);
		assertThat(shifted.psi().psi()).isGreaterThan(0.2);
		assertThat(shifted.drift()).isTrue();
		DriftSettings atThePsi = new DriftSettings(30, 10, 0.5, shifted.psi().psi(), 0.01);
		assertThat(DriftDetector.check(key("m"), samples(100, 100, 0.5), atThePsi).drift()).isFalse();
	}

	@Test
	void aPValueGateKeepsChanceOut() {
		// psi_reference.py, detector_noisy: 30 against 30 values moved up by 0.12, PSI
		// 0.2635075111992783, permutation p-value 0.3016 (20,000 relabellings): a PSI
		// above
		// the threshold that sampling alone explains. detector_shifted: 100 against 100
		// moved
		// up by 0.5, p below 1/20,000.
		DriftCheck noisy = DriftDetector.check(key("m"), samples(30, 30, 0.12), DEFAULTS);
		assertThat(noisy.psi().psi()).isCloseTo(0.2635075111992783, within(1e-12));
		assertThat(noisy.psi().pValue()).isCloseTo(0.3016349182540873, within(PermutationTolerance.of(0.3016)));
		assertThat(noisy.drift()).isFalse();
		assertThat(DriftDetector.check(key("m"), samples(30, 30, 0.12), PSI_ALONE).drift()).isTrue();
		DriftCheck shifted = DriftDetector.check(key("m"), samples(100, 100, 0.5), DEFAULTS);
		assertThat(shifted.psi().pValue()).isEqualTo(1.0 / (PermutationTest.MAX_ROUNDS + 1));
		assertThat(shifted.drift()).isTrue();
	}

	@Test
	void thePValueGateIsStrict() {
		DriftCheck shifted = DriftDetector.check(key("m"), samples(100, 100, 0.5), DEFAULTS);
		DriftSettings atThePValue = new DriftSettings(30, 10, 0.5, 0.2, shifted.psi().pValue());
		assertThat(DriftDetector.check(key("m"), samples(100, 100, 0.5), atThePValue).drift()).isFalse();
	}

	@Test
	void theRuleInForceReadsInOneLine() {
		assertThat(DEFAULTS.describe()).startsWith("Drift rule: PSI > 0.2 and p-value < 0.01; both windows need 30")
			.doesNotContain("\n");
		assertThat(PSI_ALONE.describe()).startsWith("Drift rule: PSI > 0.2 alone (no p-value gate");
	}

	@Test
	void checksComeSortedByTenantThenModel() {
		Map<ModelKey, WindowSamples> samples = Map.of(new ModelKey("t2", "a"), samples(30, 30, 0),
				new ModelKey("t1", "b"), samples(30, 30, 0), new ModelKey("t1", "a"), samples(1, 1, 0));
		List<DriftCheck> checks = DriftDetector.evaluate(samples, DEFAULTS);
		assertThat(checks).extracting(DriftCheck::model)
			.containsExactly(new ModelKey("t1", "a"), new ModelKey("t1", "b"), new ModelKey("t2", "a"));
	}

	private static ModelKey key(String model) {
		return new ModelKey("t", model);
	}

	/**
	 * Evenly spread baseline values in [0, 1); the current ones the same, moved up by
	 * shift.
	 */
	private static WindowSamples samples(int baseline, int current, double shift) {
		DoubleSamples b = new DoubleSamples();
		DoubleSamples c = new DoubleSamples();
		for (int i = 0; i < baseline; i++) {
			b.add((double) i / baseline);
		}
		for (int i = 0; i < current; i++) {
			c.add((double) i / current + shift);
		}
		return new WindowSamples(b, c);
	}

}
