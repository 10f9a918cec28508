package io.modelmonitoring.scan.lake;

import java.util.List;

import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.scan.drift.DriftDetector;
import io.modelmonitoring.scan.drift.DriftSettings;
import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.ModelSignals;
import io.modelmonitoring.scan.model.WindowSamples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up takes the paths a run takes: both windows, segments, features, bad lines.
 */
class ScanWarmUpTests {

	private static final ScanSignals SIGNALS = new ScanSignals(List.of("industry", "region"), 50, true, 50, 10);

	@Test
	void itScansEveryModelInBothWindowsWithItsSegmentsAndFeaturesAndSomeBadLines() {
		LogScanResult result = ScanWarmUp.scan(SIGNALS, 2);

		assertThat(result.samples()).hasSize(4);
		// Lines 999, 1999, 2999 and 3999 of each file have no usable timestamp.
		assertThat(result.invalidRecords()).isEqualTo(4L * ScanWarmUp.FILES);
		long predictions = 0;
		for (WindowSamples samples : result.samples().values()) {
			// Well over the exact values a sketch keeps: the counting pass runs too.
			assertThat(samples.baseline().size()).isGreaterThan(20_000);
			assertThat(samples.current().size()).isGreaterThan(20_000);
			predictions += samples.baseline().size() + samples.current().size();
		}
		assertThat(predictions).isEqualTo((long) (ScanWarmUp.LINES_PER_FILE - 4) * ScanWarmUp.FILES);
		ModelSignals signals = result.signals().get(new ModelKey("warm-up-a", "model-1"));
		assertThat(signals.segments()).containsOnlyKeys("industry=industry-0", "industry=industry-1",
				"industry=industry-2", "region=region-0", "region=region-1", "region=region-2");
		assertThat(signals.features()).containsOnlyKeys("amount", "days", "plan", "renewal");
		// Two lines in three name features: still well over a sketch's exact values.
		assertThat(signals.features().get("amount").numbers().baselineCount()).isGreaterThan(12_000);
		assertThat(signals.features().get("amount").numbers().baselineCount())
			.isLessThan(samples(result, "warm-up-a", "model-1").baseline().size());
		assertThat(signals.features().get("plan").categories()).isNotNull();
	}

	@Test
	void aScanOfThePredictionsAloneWarmsUpToo() {
		LogScanResult result = ScanWarmUp.scan(ScanSignals.NONE, 1);
		List<DriftCheck> checks = DriftDetector.evaluate(result.samples(), result.signals(),
				new DriftSettings(30, 10, 0.5, 0.2, 0.01));

		assertThat(result.signals()).isEmpty();
		assertThat(checks).hasSize(4).allSatisfy((check) -> assertThat(check.skipped()).isFalse());
	}

	private static WindowSamples samples(LogScanResult result, String tenantId, String modelId) {
		return result.samples().get(new ModelKey(tenantId, modelId));
	}

}
