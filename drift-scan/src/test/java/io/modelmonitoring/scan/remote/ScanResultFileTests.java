package io.modelmonitoring.scan.remote;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.modelmonitoring.scan.binning.BinnedWindows;
import io.modelmonitoring.scan.drift.CategoryCounts;
import io.modelmonitoring.scan.lake.LogScanRequest;
import io.modelmonitoring.scan.lake.LogScanResult;
import io.modelmonitoring.scan.lake.ScanSignals;
import io.modelmonitoring.scan.model.FeatureWindows;
import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.ModelSignals;
import io.modelmonitoring.scan.model.TimeWindow;
import io.modelmonitoring.scan.model.WindowSamples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two documents between ml-service and the Spark job: what goes in comes back to the
 * bit, samples are kept only where the p-value reads them, and a document that is not one
 * is refused naming what is wrong.
 */
class ScanResultFileTests {

	/** Doubles whose shortest text is long, signed zero, subnormal, huge. */
	static final double[] EDGES = { -0.0, 0.1, 1.0 / 3, Double.MIN_VALUE, Math.nextDown(0.7), 1e300 };

	@Test
	void aResultReadsBackToTheBit() {
		ModelKey model = new ModelKey("t1", "m1");
		BinnedWindows small = binned(40, 35, new double[] { 0.1, 0.2 }, new double[] { 0.3 });
		BinnedWindows large = binned(5000, 2000, new double[] { 0.5 }, new double[] { 0.6 });
		TreeMap<String, BinnedWindows> segments = new TreeMap<>(Map.of("region=emea", small));
		CategoryCounts categories = new CategoryCounts();
		categories.addBaseline("web");
		categories.addBaseline("app");
		categories.addCurrent("web");
		Map<String, FeatureWindows> features = new LinkedHashMap<>();
		features.put("plan", new FeatureWindows(null, categories, 3));
		features.put("amount", new FeatureWindows(large, null, 0));
		LogScanResult result = new LogScanResult(Map.of(model, new WindowSamples()),
				Map.of(model, new ModelSignals(segments, features, 7, 2, large)), 11, 4, 1);

		ScanResultFile read = roundTrip(ScanResultFile.succeeded(result, Map.of("passes", 2L)));

		assertThat(read.failed()).isFalse();
		assertThat(read.figures()).containsEntry("passes", 2L);
		assertThat(read.result().invalidRecords()).isEqualTo(11);
		assertThat(read.result().filesRead()).isEqualTo(4);
		assertThat(read.result().unreadableFiles()).isEqualTo(1);
		ModelSignals signals = read.result().signals().get(model);
		assertThat(signals.ignoredSegmentValues()).isEqualTo(7);
		assertThat(signals.ignoredFeatures()).isEqualTo(2);
		assertBits(signals.predictions().edges(), EDGES);
		assertThat(signals.predictions().baselineCounts()).containsExactly(1, 2, 3, 4, 5, 6, 4979);
		// Both windows of 1,000 or more: the χ² tail, no samples travel.
		assertThat(signals.predictions().baselineSample()).isEmpty();
		BinnedWindows emea = signals.segments().get("region=emea");
		assertThat(emea.baselineSample()).containsExactly(0.1, 0.2);
		assertThat(emea.currentSample()).containsExactly(0.3);
		assertThat(signals.features()).containsOnlyKeys("plan", "amount");
		CategoryCounts plan = signals.features().get("plan").categories();
		assertThat(plan.categories()).containsExactly("web", "app");
		assertThat(plan.baselineByCategory()).containsExactly(1, 1);
		assertThat(plan.currentByCategory()).containsExactly(1, 0);
		assertThat(signals.features().get("plan").unusable()).isEqualTo(3);
	}

	@Test
	void aFailureReadsBackWithItsReason() {
		ScanResultFile read = roundTrip(ScanResultFile.failed("inference log directory x does not exist", Map.of()));
		assertThat(read.failed()).isTrue();
		assertThat(read.error()).isEqualTo("inference log directory x does not exist");
		assertThat(read.result()).isNull();
	}

	@Test
	void aRequestReadsBack() {
		LogScanRequest request = new LogScanRequest(
				new TimeWindow(Instant.parse("2026-09-23T06:00:00Z"), Instant.parse("2026-10-23T06:00:00Z")),
				new TimeWindow(Instant.parse("2026-11-15T06:00:00Z"), Instant.parse("2026-11-22T06:00:00Z")),
				Set.of("t2", "t1"), new ScanSignals(List.of("region", "industry"), 50, true, 40, 10, true));
		ScanJob read = ScanJob
			.read(new ByteArrayInputStream(new ScanJob("abfss://c@a.dfs.core.windows.net/logs", request).toJson()));
		assertThat(read.logs()).isEqualTo("abfss://c@a.dfs.core.windows.net/logs");
		assertThat(read.request()).isEqualTo(request);
	}

	@Test
	void whatIsNoResultFileIsRefusedNamingWhy() {
		assertThatThrownBy(() -> read("[1, 2]")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not a JSON object");
		assertThatThrownBy(() -> read("{\"version\": 2, \"figures\": {}}")).hasMessageContaining("version 2");
		assertThatThrownBy(() -> read("{\"version\": 1, \"figures\": {}, \"invalidRecords\": \"x\"}"))
			.hasMessageContaining("'models'");
		assertThatThrownBy(() -> read("{\"version\": 1, \"version\": 1}")).hasMessageContaining("not valid JSON")
			.hasMessageContaining("version");
		assertThatThrownBy(() -> read("{\"version\": 1, \"figures\": {}} trailing"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> read("{\"version\": 1, \"figures\": {}, \"invalidRecords\": 0, \"filesRead\": 0, "
				+ "\"unreadableFiles\": 0, \"models\": [{\"tenantId\": \"t\", \"modelId\": \"m\", "
				+ "\"ignoredSegmentValues\": 0, \"ignoredFeatures\": 0, \"segments\": {}, \"features\": [], "
				+ "\"predictions\": {\"baselineCount\": 1, \"currentCount\": 1, \"edges\": [0.5], "
				+ "\"baselineCounts\": [1], \"currentCounts\": [0, 1], \"baselineSample\": [], "
				+ "\"currentSample\": []}}]}"))
			.hasMessageContaining("one bin more");
	}

	private static BinnedWindows binned(long n, long m, double[] baselineSample, double[] currentSample) {
		long[] baseline = { 1, 2, 3, 4, 5, 6, n - 21 };
		long[] current = { 0, 0, 0, 0, 0, 0, m };
		return new BinnedWindows(EDGES.clone(), baseline, current, n, m, baselineSample, currentSample);
	}

	private static ScanResultFile roundTrip(ScanResultFile file) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		file.write(out);
		return ScanResultFile.read(new ByteArrayInputStream(out.toByteArray()));
	}

	private static ScanResultFile read(String json) {
		return ScanResultFile.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
	}

	private static void assertBits(double[] actual, double[] expected) {
		assertThat(actual).hasSameSizeAs(expected);
		for (int i = 0; i < expected.length; i++) {
			assertThat(Double.doubleToRawLongBits(actual[i])).as("edge %d", i)
				.isEqualTo(Double.doubleToRawLongBits(expected[i]));
		}
	}

}
