package io.modelmonitoring.spark;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.modelmonitoring.scan.lake.LogScanRequest;
import io.modelmonitoring.scan.lake.LogScanResult;
import io.modelmonitoring.scan.lake.ScanSignals;
import io.modelmonitoring.scan.model.TimeWindow;
import io.modelmonitoring.scan.remote.JobFiles;
import io.modelmonitoring.scan.remote.SparkScanSource;
import io.modelmonitoring.scan.remote.SparkSubmissions;

/**
 * Times the drift scan on a Spark standalone cluster, as ml-service submits it: the whole
 * submission (REST call to result read) over a lake, and over an empty lake for the fixed
 * cost of a submission (driver and executor start-up). Prints records per second and per
 * executor core, the figures docs/spark.md sizes clusters from.
 * <p>
 * {@code java -cp <job jar>:<spark jars>/* io.modelmonitoring.spark.SparkBenchmark --lake <dir holding
 * ml_inference_logs> --as-of 2026-11-22T06:00:00Z [--master spark://127.0.0.1:7077] [--rest
 * http://127.0.0.1:6066] [--cores 2] [--runs 3] [--max-tasks 2048] [--jar <job jar>]}
 */
public final class SparkBenchmark {

	private SparkBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		Path lake = Path.of(required(options, "lake")).toAbsolutePath();
		Instant asOf = Instant.parse(required(options, "as-of"));
		int cores = Integer.parseInt(options.getOrDefault("cores", "2"));
		int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
		String jar = Path.of(options.getOrDefault("jar", "spark-job/target/spark-job-0.1.0-SNAPSHOT-job.jar"))
			.toAbsolutePath()
			.toUri()
			.toString();
		Path work = Files.createTempDirectory("spark-benchmark");
		SparkSubmissions submissions = new SparkSubmissions(
				URI.create(options.getOrDefault("rest", "http://127.0.0.1:6066")), Duration.ofSeconds(30));
		Map<String, String> properties = Map.of("spark.cores.max", Integer.toString(cores), "spark.executor.cores", "1",
				"spark.executor.memory", options.getOrDefault("executor-memory", "1g"));
		LogScanRequest request = new LogScanRequest(
				new TimeWindow(asOf.minus(Duration.ofDays(60)), asOf.minus(Duration.ofDays(30))),
				new TimeWindow(asOf.minus(Duration.ofDays(7)), asOf), Set.of(),
				new ScanSignals(List.of(), 0, false, 0, 10));
		Path empty = Files.createDirectories(work.resolve("empty/ml_inference_logs"));
		System.out.printf(Locale.ROOT, "%-10s %10s %12s %12s %14s %10s %8s%n", "lake", "seconds", "job seconds",
				"records", "records/s/core", "files", "passes");
		List<Double> fixed = new ArrayList<>();
		for (int run = 0; run < runs; run++) {
			fixed.add(time("empty", empty.toUri().toString(), request, submissions, work, jar, properties, cores,
					options));
		}
		for (int run = 0; run < runs; run++) {
			time("lake", lake.resolve("ml_inference_logs").toUri().toString(), request, submissions, work, jar,
					properties, cores, options);
		}
		System.out.printf(Locale.ROOT, "fixed cost of a submission (empty lake), best of %d: %.1f s%n", runs,
				fixed.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN));
	}

	private static double time(String name, String logs, LogScanRequest request, SparkSubmissions submissions,
			Path work, String jar, Map<String, String> properties, int cores, Map<String, String> options) {
		SparkScanSource.Settings settings = new SparkScanSource.Settings(
				options.getOrDefault("master", "spark://127.0.0.1:7077"), jar, "benchmark", logs, Duration.ofHours(2),
				Duration.ofMillis(200), Integer.parseInt(options.getOrDefault("max-tasks", "2048")), properties);
		Figures figures = new Figures();
		long started = System.nanoTime();
		LogScanResult result = new SparkScanSource(submissions, JobFiles.local(work.resolve("jobs")), settings,
				figures::take)
			.scan(request);
		double seconds = (System.nanoTime() - started) / 1e9;
		long records = result.signals()
			.values()
			.stream()
			.mapToLong((signals) -> signals.predictions().baselineCount() + signals.predictions().currentCount())
			.sum();
		double jobSeconds = figures.values.getOrDefault("scanMs", 0L) / 1000.0;
		System.out.printf(Locale.ROOT, "%-10s %10.1f %12.1f %12d %14.0f %10d %8d%n", name, seconds, jobSeconds, records,
				(jobSeconds > 0) ? records / jobSeconds / cores : 0, figures.values.getOrDefault("files", 0L),
				figures.values.getOrDefault("passes", 0L));
		return seconds;
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("expected --option value, got " + args[i]);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		return options;
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return value;
	}

	private static final class Figures {

		Map<String, Long> values = Map.of();

		void take(Map<String, Long> figures) {
			this.values = figures;
		}

	}

}
