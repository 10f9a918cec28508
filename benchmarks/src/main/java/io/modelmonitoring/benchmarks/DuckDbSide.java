package io.modelmonitoring.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.modelmonitoring.scan.lake.LogScanRequest;
import io.modelmonitoring.scan.model.ModelKey;

/**
 * Runs {@link DuckDbScan} in a child JVM (this JVM's java and class path) over the files
 * one run reads, and reads back its times and result. Its output and errors go to files
 * in the log directory, named in every failure.
 */
final class DuckDbSide implements AutoCloseable {

	private final Process process;

	private final Path output;

	private final Path log;

	private DuckDbSide(Process process, Path output, Path log) {
		this.process = process;
		this.output = output;
		this.log = log;
	}

	static DuckDbSide start(List<Path> files, LogScanRequest request, int threads, int runs, int bins, Path logs)
			throws IOException {
		Files.createDirectories(logs);
		Path list = logs.resolve("duckdb-files.txt");
		List<String> paths = files.stream().map((file) -> file.toAbsolutePath().toString()).toList();
		Files.write(list, paths, StandardCharsets.UTF_8);
		Path output = logs.resolve("duckdb.out");
		Path log = logs.resolve("duckdb.log");
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				classPath(), DuckDbScan.class.getName(), list.toString(), Integer.toString(threads),
				Integer.toString(runs), Integer.toString(bins), request.baseline().from().toString(),
				request.baseline().to().toString(), request.current().from().toString(),
				request.current().to().toString());
		Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
			.redirectError(log.toFile())
			.start();
		return new DuckDbSide(process, output, log);
	}

	/**
	 * This JVM's class path, absolute: the child may not share its working directory's
	 * meaning.
	 */
	private static String classPath() {
		List<String> entries = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
			entries.add(Path.of(entry).toAbsolutePath().toString());
		}
		return String.join(java.io.File.pathSeparator, entries);
	}

	/** Waits for the child and parses what it printed. */
	Result await(Duration timeout) throws IOException, InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			close();
			throw new IllegalStateException("DuckDB did not finish within " + timeout + "; see " + this.log);
		}
		List<String> lines = Files.readAllLines(this.output, StandardCharsets.UTF_8);
		if (this.process.exitValue() != 0 || lines.isEmpty() || !lines.get(lines.size() - 1).equals("done")) {
			throw new IllegalStateException("DuckDB failed (exit code " + this.process.exitValue() + "); see "
					+ this.log + " and " + this.output);
		}
		return parse(lines);
	}

	static Result parse(List<String> lines) {
		String version = null;
		List<Double> seconds = new ArrayList<>();
		Map<ModelKey, List<Double>> edges = new HashMap<>();
		Map<ModelKey, List<long[]>> counts = new HashMap<>();
		for (String line : lines) {
			String[] fields = line.split("\t");
			switch (fields[0]) {
				case "version" -> version = fields[1];
				case "run" -> seconds.add(Long.parseLong(fields[2]) / 1e9);
				case "edges" -> {
					List<Double> values = new ArrayList<>();
					for (int i = 3; i < fields.length; i++) {
						values.add(Double.parseDouble(fields[i]));
					}
					edges.put(new ModelKey(fields[1], fields[2]), values);
				}
				case "count" -> counts.computeIfAbsent(new ModelKey(fields[2], fields[3]), (key) -> new ArrayList<>())
					.add(new long[] { Long.parseLong(fields[1]), Long.parseLong(fields[4]),
							Long.parseLong(fields[5]) });
				case "done" -> {
				}
				default -> throw new IllegalStateException("DuckDB printed an unexpected line: " + line);
			}
		}
		Map<ModelKey, WindowBins> models = new TreeMap<>();
		edges.forEach((model, modelEdges) -> {
			long[][] windows = new long[2][modelEdges.size() + 1];
			for (long[] count : counts.getOrDefault(model, List.of())) {
				windows[(int) count[0]][(int) count[1]] = count[2];
			}
			models.put(model, new WindowBins(modelEdges, windows[0], windows[1]));
		});
		return new Result(version, seconds, models);
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
	}

	/**
	 * What DuckDB measured and computed.
	 *
	 * @param seconds each run's time, the first the first of its process
	 * @param models per (tenant, model) with a baseline, its edges and bin counts
	 */
	record Result(String version, List<Double> seconds, Map<ModelKey, WindowBins> models) {

		double first() {
			return this.seconds.get(0);
		}

		double best() {
			return this.seconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
		}

	}

}
