package io.modelmonitoring.scan.lake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.zip.GZIPOutputStream;

import io.modelmonitoring.scan.binning.WindowSketch;
import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.scan.drift.DriftSettings;
import io.modelmonitoring.scan.drift.PsiResult;
import io.modelmonitoring.scan.model.TimeWindow;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lake of every shape a scan whose predictions are sketched (a scan spread over
 * machines) must bin exactly as the in-process scan, which keeps them whole: windows past
 * the exact values (a counting pass), ties, point masses, small and tiny windows, edges
 * where (1−g)·a + g·b misses numpy's interpolation by an ulp, segments and features, bad
 * lines, gzip and Parquet files, days of several files. Written with a fixed seed.
 * <p>
 * Public for the Spark job's tests, which compare a cluster's result with this library's.
 */
public final class SketchedScanFixture {

	public static final Instant AS_OF = Instant.parse("2026-11-22T06:00:00Z");

	public static final TimeWindow BASELINE = new TimeWindow(AS_OF.minus(Duration.ofDays(60)),
			AS_OF.minus(Duration.ofDays(30)));

	public static final TimeWindow CURRENT = new TimeWindow(AS_OF.minus(Duration.ofDays(7)), AS_OF);

	public static final String PREFIX = "ml_inference_logs";

	public static final DriftSettings SETTINGS = new DriftSettings(30, 10, 0.5, 0.2, 0.01);

	public static final ScanSignals SIGNALS = new ScanSignals(List.of("region"), 50, true, 50, 10);

	/** Every tenant, with segments and features, predictions kept whole. */
	public static final LogScanRequest REQUEST = new LogScanRequest(BASELINE, CURRENT, Set.of(), SIGNALS);

	/** The same, predictions sketched. */
	public static final LogScanRequest SKETCHED = new LogScanRequest(BASELINE, CURRENT, Set.of(),
			SIGNALS.withSketchedPredictions());

	/** Invalid lines the fixture writes: each counts once in both scans. */
	public static final int INVALID_LINES = 6;

	private SketchedScanFixture() {
	}

	/** Writes the lake under {@code root/ml_inference_logs}. */
	public static void write(Path root) {
		SplittableRandom random = new SplittableRandom(20261202);
		List<Model> models = List.of(
				// Over the exact values in both windows: a counting pass, χ² p-values.
				new Model("t1", "big-normal", 12_000, 3_000, () -> 0.5 + 0.1 * gaussian(random),
						() -> 0.52 + 0.1 * gaussian(random), true),
				// Two decimals: ties at every edge.
				new Model("t1", "ties", 9_000, 2_000, () -> Math.round(100 * random.nextDouble()) / 100.0,
						() -> Math.round(100 * Math.pow(random.nextDouble(), 1.3)) / 100.0, false),
				// A point mass of 60 % at 0: nextDown edges.
				new Model("t1", "point-mass", 8_000, 1_500,
						() -> (random.nextDouble() < 0.6) ? 0.0 : random.nextDouble(),
						() -> (random.nextDouble() < 0.4) ? 0.0 : random.nextDouble(), true),
				// Small windows: the permutation test on exact values.
				new Model("t2", "small", 300, 120, random::nextDouble, () -> Math.sqrt(random.nextDouble()), true),
				// Under min_samples: skipped.
				new Model("t2", "tiny", 12, 8, random::nextDouble, random::nextDouble, false),
				// Values spread over many magnitudes: interpolated edges where the two
				// formulas part by an ulp.
				new Model("t2", "ulp", 7_000, 1_200, () -> Math.exp(3 * gaussian(random)),
						() -> Math.exp(0.2 + 3 * gaussian(random)), false),
				// One window small, the other past the exact values.
				new Model("t2", "asymmetric", 6_000, 200, random::nextDouble, random::nextDouble, false));
		Path logs = root.resolve(PREFIX);
		List<Day> days = new ArrayList<>();
		for (Instant day = BASELINE.from(); day.isBefore(AS_OF); day = day.plus(Duration.ofDays(1))) {
			days.add(new Day(day, BASELINE.contains(day), CURRENT.contains(day)));
		}
		List<List<String>> jsonByDay = new ArrayList<>();
		List<List<String>> gzipByDay = new ArrayList<>();
		List<List<Consumer<Group>>> parquetByDay = new ArrayList<>();
		for (int d = 0; d < days.size(); d++) {
			jsonByDay.add(new ArrayList<>());
			gzipByDay.add(new ArrayList<>());
			parquetByDay.add(new ArrayList<>());
		}
		List<Integer> baselineDays = indexes(days, true);
		List<Integer> currentDays = indexes(days, false);
		int sequence = 0;
		for (Model model : models) {
			for (int i = 0; i < model.baseline; i++) {
				int day = baselineDays.get(i % baselineDays.size());
				place(model, model.baselineValues.getAsDouble(), days.get(day), sequence++, random, jsonByDay.get(day),
						gzipByDay.get(day), parquetByDay.get(day));
			}
			for (int i = 0; i < model.current; i++) {
				int day = currentDays.get(i % currentDays.size());
				place(model, model.currentValues.getAsDouble(), days.get(day), sequence++, random, jsonByDay.get(day),
						gzipByDay.get(day), parquetByDay.get(day));
			}
		}
		String badDay = timestamp(days.get(currentDays.get(0)).start, 1);
		jsonByDay.get(currentDays.get(0))
			.addAll(List.of("not json",
					"{\"tenantId\": \"t1\", \"modelId\": \"ties\", \"prediction\": NaN, \"timestamp\": \"" + badDay
							+ "\"}",
					"{\"tenantId\": \"t1\", \"modelId\": \"ties\", \"prediction\": 1e400, \"timestamp\": \"" + badDay
							+ "\"}",
					"{\"tenantId\": \"t1\", \"modelId\": \"ties\", \"prediction\": \"abc\", \"timestamp\": \"" + badDay
							+ "\"}",
					"{\"tenantId\": \"t1\", \"prediction\": 0.5, \"timestamp\": \"" + badDay + "\"}",
					"{\"tenantId\": \"t1\", \"modelId\": \"ties\", \"prediction\": 0.5, \"timestamp\": \"yesterday\"}"));
		for (int d = 0; d < days.size(); d++) {
			Path directory = logs.resolve(DayPartitions.path(days.get(d).start.atOffset(ZoneOffset.UTC).toLocalDate()));
			writeText(directory.resolve("part-0.jsonl"), jsonByDay.get(d), false);
			writeText(directory.resolve("part-1.jsonl.gz"), gzipByDay.get(d), true);
			if (!parquetByDay.get(d).isEmpty()) {
				ParquetFixture.write(directory.resolve("part-2.parquet"), ParquetFixture.STRING_TIMESTAMPS,
						CompressionCodecName.UNCOMPRESSED, parquetByDay.get(d));
			}
		}
	}

	/**
	 * A record goes to one of the day's files: Parquet for models without signals (its
	 * schema has none), else JSON lines or gzip.
	 */
	private static void place(Model model, double prediction, Day day, int sequence, SplittableRandom random,
			List<String> json, List<String> gzip, List<Consumer<Group>> parquet) {
		String timestamp = timestamp(day.start, sequence % 80_000);
		if (!model.signals && sequence % 3 == 0) {
			parquet.add(ParquetFixture.row(model.tenant, model.model, prediction, timestamp));
			return;
		}
		StringBuilder line = new StringBuilder();
		line.append("{\"tenantId\": \"")
			.append(model.tenant)
			.append("\", \"modelId\": \"")
			.append(model.model)
			.append("\", \"prediction\": ")
			.append(prediction)
			.append(", \"timestamp\": \"")
			.append(timestamp)
			.append('"');
		if (model.signals) {
			String region = switch (sequence % 3) {
				case 0 -> "emea";
				case 1 -> "amer";
				default -> "apac";
			};
			line.append(", \"region\": \"")
				.append(region)
				.append("\", \"features\": {\"amount\": ")
				.append(Math.round(Math.exp(5 + gaussian(random))))
				.append(", \"score\": ")
				.append(prediction * 0.5 + 0.1 * random.nextDouble())
				.append(", \"channel\": \"")
				.append((random.nextDouble() < 0.7) ? "web" : (random.nextDouble() < 0.5) ? "app" : "phone")
				.append("\"}");
		}
		line.append('}');
		((sequence % 2 == 0) ? json : gzip).add(line.toString());
	}

	private static String timestamp(Instant dayStart, int seconds) {
		return dayStart.plusSeconds(seconds).toString();
	}

	private static List<Integer> indexes(List<Day> days, boolean baseline) {
		List<Integer> indexes = new ArrayList<>();
		for (int d = 0; d < days.size(); d++) {
			if (baseline ? days.get(d).baseline : days.get(d).current) {
				indexes.add(d);
			}
		}
		return indexes;
	}

	private static double gaussian(SplittableRandom random) {
		// Box–Muller: SplittableRandom has no nextGaussian on Java 17.
		return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
	}

	private static void writeText(Path file, List<String> lines, boolean gzip) {
		try {
			Files.createDirectories(file.getParent());
			byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
			if (gzip) {
				ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
					out.write(text);
				}
				text = bytes.toByteArray();
			}
			Files.write(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Asserts that a sketched scan's checks are the in-process scan's, bit for bit:
	 * counts, edges, bins, PSI, noise floor, p-values and verdicts. One difference is
	 * allowed, and only on the whole model's predictions: when one window is under the
	 * permutation test's reach and the other over the exact values, the test reads a
	 * subsample of the large window, drawn from every value in-process and from the
	 * uniform reservoir when sketched, so the two p-values may differ.
	 */
	public static void assertSameChecks(List<DriftCheck> sketched, List<DriftCheck> inProcess) {
		assertThat(sketched).hasSameSizeAs(inProcess);
		for (int i = 0; i < inProcess.size(); i++) {
			DriftCheck expected = inProcess.get(i);
			DriftCheck actual = sketched.get(i);
			String what = expected.model() + " " + expected.segment() + " " + expected.feature();
			assertThat(actual.model()).as(what).isEqualTo(expected.model());
			assertThat(actual.segment()).as(what).isEqualTo(expected.segment());
			assertThat(actual.feature()).as(what).isEqualTo(expected.feature());
			assertThat(actual.baselineCount()).as(what).isEqualTo(expected.baselineCount());
			assertThat(actual.currentCount()).as(what).isEqualTo(expected.currentCount());
			assertThat(actual.categories()).as(what).isEqualTo(expected.categories());
			if (expected.skipped()) {
				assertThat(actual.skipped()).as(what).isTrue();
				continue;
			}
			PsiResult want = expected.psi();
			PsiResult got = actual.psi();
			assertThat(got.edges()).as(what + " edges").isEqualTo(want.edges());
			assertThat(got.histogram()).as(what + " bins").isEqualTo(want.histogram());
			assertThat(Double.doubleToLongBits(got.psi())).as(what + " psi")
				.isEqualTo(Double.doubleToLongBits(want.psi()));
			assertThat(Double.doubleToLongBits(got.noiseFloor())).as(what + " noise floor")
				.isEqualTo(Double.doubleToLongBits(want.noiseFloor()));
			if (subsampledWholeModel(expected)) {
				assertThat(got.pValue()).as(what + " p-value").isBetween(0.0, 1.0);
				continue;
			}
			assertThat(Double.doubleToLongBits(got.pValue())).as(what + " p-value")
				.isEqualTo(Double.doubleToLongBits(want.pValue()));
			assertThat(actual.adjustedPValue()).as(what + " adjusted p-value").isEqualTo(expected.adjustedPValue());
			assertThat(actual.drift()).as(what + " drift").isEqualTo(expected.drift());
		}
	}

	/** The one case {@link #assertSameChecks} lets differ. */
	static boolean subsampledWholeModel(DriftCheck check) {
		int small = Math.min(check.baselineCount(), check.currentCount());
		int large = Math.max(check.baselineCount(), check.currentCount());
		return check.segment() == null && DriftCheck.PREDICTION.equals(check.feature()) && small < 1000
				&& large > WindowSketch.EXACT_VALUES;
	}

	/**
	 * How many of the fixture's interpolated edges (1−g)·a + g·b misses by at least an
	 * ulp: the trap of Spark SQL's {@code percentile} that the job must not fall in.
	 */
	public static int ulpTrapEdges(double[] sortedBaseline, int bins) {
		int misses = 0;
		int n = sortedBaseline.length;
		for (int k = 1; k < bins; k++) {
			double position = (double) k / bins * (n - 1);
			int below = (int) Math.floor(position);
			double g = position - below;
			if (g == 0 || below + 1 >= n) {
				continue;
			}
			double a = sortedBaseline[below];
			double b = sortedBaseline[below + 1];
			double spark = (1 - g) * a + g * b;
			double numpy = (g < 0.5) ? a + (b - a) * g : b - (b - a) * (1 - g);
			if (spark != numpy) {
				misses++;
			}
		}
		return misses;
	}

	private record Model(String tenant, String model, int baseline, int current, DoubleSupplier baselineValues,
			DoubleSupplier currentValues, boolean signals) {
	}

	private record Day(Instant start, boolean baseline, boolean current) {
	}

}
