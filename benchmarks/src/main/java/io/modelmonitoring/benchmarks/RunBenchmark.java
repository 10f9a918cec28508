package io.modelmonitoring.benchmarks;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import io.modelmonitoring.demodata.DemoLakeSpec;

/**
 * The whole run against DuckDB: ml-service's {@code POST /api/v1/ml/model-monitoring/run}
 * over the prediction-only {@code .jsonl} demo lake (the one {@link ScanBenchmark}
 * reads), HTTP answer included, side by side with DuckDB computing the same bins from the
 * same files with as many threads, each in a fresh JVM so that each first run is a first;
 * next to the {@code cat} floor of those files. It checks that both found the same counts
 * ({@link Agreement}).
 * <p>
 * {@code java -cp benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar
 * io.modelmonitoring.benchmarks.RunBenchmark [--runs 3] [--threads 2] [--bins 10] [--dir
 * /tmp/model-monitoring-bench] [--project-dir .] [--service-jvm-options
 * "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"] [--records 10000000] [--days 60]
 * [--tenants 20] [--models 5] [--files-per-day 4] [--seed 42] [--as-of
 * 2026-11-22T06:00:00Z]}
 */
public final class RunBenchmark {

	static final String USAGE = """
			usage: java -cp benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar io.modelmonitoring.benchmarks.RunBenchmark [options]
			  --runs N                 runs on each side, one after the other (default 3; the first is the cold one)
			  --threads N              DuckDB's threads and ml-service's data_lake.scan_threads (default 2)
			  --bins B                 PSI bins, both sides (default 10, ml-service's default)
			  --warm-up true|false     ml-service's data_lake.warm_up (default true, its default; false: the
			                           first run is JIT-cold)
			  --dir DIR                where the lake is written or reused, and the logs go (default /tmp/model-monitoring-bench)
			  --project-dir DIR        where ml-service/target/ml-service-0.1.0-SNAPSHOT.jar was built (default .)
			  --service-jvm-options O  ml-service's JVM options (default: the production image's,
			                           "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError")
			  --records, --days, --tenants, --models, --files-per-day, --seed, --as-of
			                           the lake's spec, as for the scan benchmark (defaults 10000000, 60, 20, 5, 4, 42,
			                           2026-11-22T06:00:00Z)""";

	private static final Set<String> OPTIONS = Set.of("runs", "threads", "bins", "warm-up", "dir", "project-dir",
			"service-jvm-options", "records", "days", "tenants", "models", "files-per-day", "seed", "as-of");

	static final double SMOOTHING = 0.5;

	static final String JAR = "ml-service/target/ml-service-0.1.0-SNAPSHOT.jar";

	/** For either side's runs: far over what one run of the default lake takes. */
	private static final Duration TIMEOUT = Duration.ofMinutes(30);

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	/**
	 * What the benchmark measured.
	 *
	 * @param agreements the agreement of each of ml-service's answers with DuckDB's
	 * result
	 */
	public record Result(double floorSeconds, DuckDbSide.Result duckDb, List<MlServiceSide.Run> mlService,
			List<Agreement> agreements) {

		public double mlServiceFirst() {
			return this.mlService.get(0).seconds();
		}

		public double mlServiceBest() {
			return this.mlService.stream().mapToDouble(MlServiceSide.Run::seconds).min().orElseThrow();
		}

		public boolean countsAgree() {
			return this.agreements.stream().allMatch(Agreement::countsAgree);
		}

	}

	private RunBenchmark() {
	}

	public static void main(String[] args) {
		Map<String, String> options = CommandLine.optionsOrExit(args, USAGE);
		try {
			Result result = run(options, System.out);
			System.exit(result.countsAgree() ? 0 : 1);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
		}
		catch (Exception ex) {
			System.err.println("the run benchmark failed: " + ex.getMessage());
			System.exit(1);
		}
	}

	public static Result run(Map<String, String> options, PrintStream out) throws Exception {
		CommandLine.requireKnown(options, OPTIONS);
		int runs = CommandLine.positive(options, "runs", 3);
		int threads = CommandLine.positive(options, "threads", 2);
		int bins = CommandLine.positive(options, "bins", 10);
		if (bins < 2) {
			throw new IllegalArgumentException("--bins takes at least 2, not " + bins);
		}
		boolean warmUp = CommandLine.flag(options, "warm-up", true);
		Path dir = Path.of(options.getOrDefault("dir", "/tmp/model-monitoring-bench")).toAbsolutePath();
		Path jar = Path.of(options.getOrDefault("project-dir", ".")).toAbsolutePath().normalize().resolve(JAR);
		List<String> jvmOptions = options.containsKey("service-jvm-options")
				? Arrays.stream(options.get("service-jvm-options").trim().split("\\s+"))
					.filter((option) -> !option.isEmpty())
					.toList()
				: MlServiceSide.PRODUCTION_JVM_OPTIONS;
		DemoLakeSpec spec = BenchmarkLake.spec(options, DemoLakeSpec.Format.JSONL);
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("no ml-service jar at " + jar
					+ ": build it with ./mvnw -B -ntp -pl benchmarks -am package -DskipTests, or give --project-dir");
		}
		out.printf("machine: %d processors, load average %s (1/5/15 min) before the run, Java %s%n",
				Runtime.getRuntime().availableProcessors(), ScanBenchmark.loadAverage(),
				System.getProperty("java.version"));
		BenchmarkLake lake = BenchmarkLake.prepare(dir, spec, out);
		BenchmarkLake.ReadSet read = lake.readByOneRun(out);
		double floor = read.floor(out);
		Path logs = dir.resolve("run-benchmark-logs");
		DuckDbSide.Result duckDb;
		List<MlServiceSide.Run> mlRuns = new ArrayList<>();
		try (RunningProcesses running = new RunningProcesses()) {
			out.printf("   DuckDB: a child JVM, threads = %d, %d runs ...%n", threads, runs);
			duckDb = running.add(DuckDbSide.start(read.files(), lake.request(), threads, runs, bins, logs))
				.await(TIMEOUT);
			out.printf("   DuckDB %s: %s%n", duckDb.version(), seconds(duckDb.seconds()));
			out.printf("   ml-service: %s with %s, data_lake.scan_threads %d, data_lake.warm_up %s (log %s) ...%n", jar,
					String.join(" ", jvmOptions), threads, warmUp, logs.resolve("ml-service.log"));
			long starting = System.nanoTime();
			MlServiceSide mlService = MlServiceSide.start(jar, lake, threads, bins, warmUp, jvmOptions, logs,
					START_TIMEOUT, running);
			out.printf("   ml-service healthy after %.1f s; POST %s {\"asOf\": \"%s\"}, %d runs ...%n",
					(System.nanoTime() - starting) / 1e9, MlServiceSide.RUN_PATH, spec.asOf(), runs);
			for (int run = 1; run <= runs; run++) {
				MlServiceSide.Run timed = mlService.run(spec.asOf(), TIMEOUT);
				mlRuns.add(timed);
				out.printf("   ml-service run %d %.2f s (the answer's durationMs: %,d ms)%n", run, timed.seconds(),
						timed.durationMs());
			}
		}
		List<Agreement> agreements = mlRuns.stream()
			.map((run) -> Agreement.of(duckDb.models(), run.answer(), SMOOTHING))
			.toList();
		Result result = new Result(floor, duckDb, mlRuns, agreements);
		print(result, read, threads, runs, out);
		return result;
	}

	private static void print(Result result, BenchmarkLake.ReadSet read, int threads, int runs, PrintStream out) {
		DuckDbSide.Result duckDb = result.duckDb();
		out.printf("%nThe whole run over %,d records in %d files (%,.1f MB), %d threads each side:%n%n", read.records(),
				read.files().size(), read.bytes() / 1e6, threads);
		out.printf("| | first run | best of %d | records/s (best) |%n|---|---|---|---|%n", runs);
		out.printf("| floor: `%s` of the files | | %.2f s | %,.0f |%n", read.floorCommand(), result.floorSeconds(),
				read.records() / result.floorSeconds());
		out.printf("| DuckDB %s (child JVM, `SET threads = %d`) | %.2f s | %.2f s | %,.0f |%n", duckDb.version(),
				threads, duckDb.first(), duckDb.best(), read.records() / duckDb.best());
		out.printf("| ml-service (jar, POST to the whole answer read) | %.2f s | %.2f s | %,.0f |%n",
				result.mlServiceFirst(), result.mlServiceBest(), read.records() / result.mlServiceBest());
		out.printf("%nml-service best / DuckDB best:   %.2fx%n", result.mlServiceBest() / duckDb.best());
		out.printf("ml-service first / DuckDB first: %.2fx%n", result.mlServiceFirst() / duckDb.first());
		String previous = null;
		for (int run = 0; run < result.agreements().size(); run++) {
			String text = result.agreements().get(run).text();
			if (text.equals(previous)) {
				out.printf("agreement of ml-service's answer %d: the same as of answer %d%n", run + 1, run);
			}
			else {
				out.printf("%nagreement of ml-service's answer %d with DuckDB's result:%n%s", run + 1, text);
			}
			previous = text;
		}
		out.printf("%n%s%n", result.countsAgree() ? "counts agree" : "COUNTS DISAGREE: see above");
	}

	private static String seconds(List<Double> seconds) {
		StringJoiner line = new StringJoiner(", ");
		for (int run = 0; run < seconds.size(); run++) {
			line.add(String.format("run %d %.2f s", run + 1, seconds.get(run)));
		}
		return line.toString();
	}

}
