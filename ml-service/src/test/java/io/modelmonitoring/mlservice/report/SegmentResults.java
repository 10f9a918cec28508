package io.modelmonitoring.mlservice.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.modelmonitoring.contracts.DriftDetected.Window;
import io.modelmonitoring.contracts.HistogramBin;
import io.modelmonitoring.contracts.Lifecycle;
import io.modelmonitoring.mlservice.monitoring.ModelMonitoringProperties;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.ModelResult;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.SignalResult;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A model that did not drift as a whole while one of its segments and one of its features
 * did, with names that try to break out of the page. Bins and their PSI terms from
 * src/test/resources/report/segment_report_reference.py (numpy).
 */
final class SegmentResults {

	static final String TENANT = "tenant-segments";

	static final String MODEL = "model-calm";

	static final String SCRIPT = "region=<script>alert(1)</script>";

	static final String QUOTE = "region=x\" onmouseover=\"alert(2)";

	/** 300 characters: beyond the table's 120. */
	static final String LONG = "industry=" + "w".repeat(291);

	static final Instant AS_OF = Instant.parse("2026-11-22T06:00:00Z");

	static final Instant FIRST_DETECTED = Instant.parse("2026-11-08T06:00:00Z");

	/** Beyond the table's bound of 50 rows. */
	static final int QUIET_FEATURES = 60;

	/** segment_report_reference.py: region=emea, baseline 20 a bin, current of 100. */
	static final long[] EMEA_CURRENT = { 2, 2, 3, 3, 5, 10, 15, 20, 20, 20 };

	static final double[] EMEA_TERMS = { 0.12875503299472804, 0.12875503299472804, 0.08427809630281553,
			0.08427809630281553, 0.03465735902799726, 0.0, 0.020273255405408207, 0.06931471805599453,
			0.06931471805599453, 0.06931471805599453 };

	static final double EMEA_PSI = 0.6889410271964762;

	private SegmentResults() {
	}

	/** The defaults of model_monitoring.*, as the service binds them. */
	static ModelMonitoringProperties defaultRules() {
		return new Binder(new MapConfigurationPropertySource()).bindOrCreate("model-monitoring",
				ModelMonitoringProperties.class);
	}

	static ModelResult calmModelWithDriftedSegment() {
		List<SignalResult> segments = List.of(
				segment("region=apac", 0.05, 0.6, 0.9, false, Map.of("brier", 0.12), List.of(), Map.of()),
				segment("region=emea", EMEA_PSI, 0.001, 0.004, true, Map.of("brier", 0.14), List.of(),
						Map.of("psi", new Lifecycle("a-emea", Lifecycle.NEW, AS_OF, 1))),
				segment(SCRIPT, 0.08, 0.3, 0.9, false, Map.of(), List.of(), Map.of()),
				segment(QUOTE, 0.02, 0.7, 0.9, false, Map.of("brier", 0.31), List.of("brier"),
						Map.of("brier", new Lifecycle("a-quote", Lifecycle.ONGOING, FIRST_DETECTED, 3))),
				segment(LONG, 0.11, 0.2, 0.9, false, Map.of(), List.of(), Map.of()));
		List<SignalResult> features = new ArrayList<>();
		features.add(channel());
		for (int i = 0; i < QUIET_FEATURES; i++) {
			// PSI falls with i: the table keeps the first 49 quiet ones after channel.
			features.add(new SignalResult(null, String.format("f%02d", i), "numeric", 0.1 - i / 1000.0, 0.5, 0.9, 0.05,
					400, 100, false, null, null, null, null, List.of(), Map.of()));
		}
		Map<String, Double> metrics = new LinkedHashMap<>();
		metrics.put("brier", 0.12);
		metrics.put("mae", null);
		Window window = new Window(AS_OF.minusSeconds(7 * 86400), AS_OF);
		return new ModelResult(TENANT, MODEL, 0.04, 0.7, 0.05, 2000, 500, metrics, false, List.of(), 10, List.of(),
				numeric(List.of(200L, 200L, 200L, 200L, 200L, 200L, 200L, 200L, 200L, 200L),
						List.of(50L, 50L, 50L, 50L, 50L, 50L, 50L, 50L, 50L, 50L), new double[10]),
				window, window, Map.of(), false, false, Map.of(), 0.9, segments, features, 12L, 3);
	}

	/**
	 * A feature of categories, web, store, then all others; current web 0.25, store 0.3,
	 * others 0.45.
	 */
	static SignalResult channel() {
		List<HistogramBin> bins = List.of(new HistogramBin(null, null, 100, 50, 0.5, 0.25, 0.17328679513998632, "web"),
				new HistogramBin(null, null, 60, 60, 0.3, 0.3, 0.0, "store"),
				new HistogramBin(null, null, 40, 90, 0.2, 0.45, 0.2027325540540822, null));
		return new SignalResult(null, "channel", "categorical", 0.37601934919406854, 0.001, 0.002, 0.02, 200, 200, true,
				3, List.of(), bins, null, List.of(),
				Map.of("psi", new Lifecycle("a-channel", Lifecycle.ONGOING, FIRST_DETECTED, 3)));
	}

	private static SignalResult segment(String segment, double psi, double pValue, double adjusted, boolean drift,
			Map<String, Double> metrics, List<String> degraded, Map<String, Lifecycle> alerts) {
		List<Long> baseline = List.of(20L, 20L, 20L, 20L, 20L, 20L, 20L, 20L, 20L, 20L);
		List<Long> current = new ArrayList<>();
		for (long count : EMEA_CURRENT) {
			current.add(count);
		}
		List<HistogramBin> histogram = drift ? numeric(baseline, current, EMEA_TERMS) : null;
		return new SignalResult(segment, "prediction", "numeric", psi, pValue, adjusted, 0.14, 200, 100, drift,
				(histogram != null) ? 10 : null, null, histogram, metrics, degraded, alerts);
	}

	/** Deciles at 0.1 … 0.9. */
	private static List<HistogramBin> numeric(List<Long> baseline, List<Long> current, double[] terms) {
		long baselineSize = baseline.stream().mapToLong(Long::longValue).sum();
		long currentSize = current.stream().mapToLong(Long::longValue).sum();
		List<HistogramBin> bins = new ArrayList<>(10);
		for (int i = 0; i < 10; i++) {
			bins.add(new HistogramBin((i > 0) ? i / 10.0 : null, (i < 9) ? (i + 1) / 10.0 : null, baseline.get(i),
					current.get(i), baseline.get(i) / (double) baselineSize, current.get(i) / (double) currentSize,
					terms[i]));
		}
		return bins;
	}

}
