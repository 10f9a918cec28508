package io.modelmonitoring.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.modelmonitoring.scan.binning.BinnedWindows;
import io.modelmonitoring.scan.lake.LogScanResult;
import io.modelmonitoring.scan.model.FeatureWindows;
import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.ModelSignals;
import io.modelmonitoring.scan.model.WindowSamples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultDigestTests {

	@Test
	void equalResultsHaveOneDigestAndAChangedBitGivesAnother() {
		String digest = ResultDigest.of(result(0.25, 3));

		assertThat(ResultDigest.of(result(0.25, 3))).isEqualTo(digest).hasSize(64);
		// −0.0 is numerically equal to 0.0 but not the same bits.
		assertThat(ResultDigest.of(result(-0.0, 3))).isNotEqualTo(ResultDigest.of(result(0.0, 3)));
		assertThat(ResultDigest.of(result(0.25, 4))).isNotEqualTo(digest);
	}

	/** One model with one segment and one feature; the given edge and baseline count. */
	private static LogScanResult result(double edge, long firstBinCount) {
		WindowSamples samples = new WindowSamples();
		samples.baseline().add(0.1);
		samples.current().add(0.9);
		BinnedWindows binned = new BinnedWindows(new double[] { edge }, new long[] { firstBinCount, 2 },
				new long[] { 1, 1 }, firstBinCount + 2, 2, new double[] { edge }, new double[] { 0.5 });
		TreeMap<String, BinnedWindows> segments = new TreeMap<>(Map.of("region=emea", binned));
		Map<String, FeatureWindows> features = new LinkedHashMap<>();
		features.put("amount", new FeatureWindows(binned, null, 1));
		ModelKey key = new ModelKey("t1", "m1");
		return new LogScanResult(Map.of(key, samples), Map.of(key, new ModelSignals(segments, features, 0, 0)), 5, 2,
				0);
	}

}
