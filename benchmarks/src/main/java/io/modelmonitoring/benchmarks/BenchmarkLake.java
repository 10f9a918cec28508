package io.modelmonitoring.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import io.modelmonitoring.demodata.DemoLake;
import io.modelmonitoring.demodata.DemoLakeSpec;
import io.modelmonitoring.scan.lake.LocalDirectoryLogSource;
import io.modelmonitoring.scan.lake.LogScanRequest;
import io.modelmonitoring.scan.model.TimeWindow;

/**
 * The demo lake a benchmark reads: written by demo-data once, under a directory named for
 * its spec, and reused while its manifest names the same spec; what one run at the spec's
 * {@code asOf} reads of it (the day partitions of the two windows of SPEC §6); and the
 * floor this machine sets for reading those files.
 */
final class BenchmarkLake {

	private final Path root;

	private final DemoLakeSpec spec;

	private BenchmarkLake(Path root, DemoLakeSpec spec) {
		this.root = root;
		this.spec = spec;
	}

	/**
	 * The prediction-only spec the options describe: {@code --records}, {@code --days},
	 * {@code --tenants}, {@code --models}, {@code --files-per-day}, {@code --seed},
	 * {@code --as-of}, demo-data's defaults otherwise.
	 */
	static DemoLakeSpec spec(Map<String, String> options, DemoLakeSpec.Format format) {
		long records = Long.parseLong(options.getOrDefault("records", "10000000"));
		int days = Integer.parseInt(options.getOrDefault("days", "60"));
		return new DemoLakeSpec(Integer.parseInt(options.getOrDefault("tenants", "20")),
				Integer.parseInt(options.getOrDefault("models", "5")), records / days, days,
				Integer.parseInt(options.getOrDefault("files-per-day", "4")),
				Long.parseLong(options.getOrDefault("seed", "42")),
				Instant.parse(options.getOrDefault("as-of", "2026-11-22T06:00:00Z")), format, 100);
	}

	/**
	 * The lake of this spec under {@code dir}: reused when its manifest names the spec,
	 * written anew otherwise (replacing what the directory held).
	 */
	static BenchmarkLake prepare(Path dir, DemoLakeSpec spec, PrintStream out) throws IOException {
		String format = spec.format().extension().substring(1);
		// The lake's name says what its records carry; the spec's hash tells the rest
		// apart, and its manifest is checked before a lake is reused.
		String carries = spec.hasSignals() ? "-features" + spec.numericFeatures() + (spec.segments() ? "-segments" : "")
				: "";
		Path lake = dir.resolve(
				format + "-" + spec.totalRecords() + carries + "-" + Integer.toHexString(spec.toString().hashCode()));
		Properties manifest = DemoLake.manifest(lake);
		if (manifest != null && spec.toString().equals(manifest.getProperty("spec"))) {
			out.printf("%n== %s: reusing %s (%s records)%n   spec: %s%n", format, lake, manifest.getProperty("records"),
					spec);
		}
		else {
			deleteTree(lake);
			DemoLake.Summary written = DemoLake.write(lake, spec);
			out.printf("%n== %s: generated %,d records in %,d files (%,.1f MB) in %.1f s under %s%n   spec: %s%n",
					format, written.records(), written.files(), written.bytes() / 1e6,
					written.took().toMillis() / 1000.0, lake, spec);
		}
		return new BenchmarkLake(lake, spec);
	}

	/** The directory that plays the container (ml-service's data_lake.local_path). */
	Path root() {
		return this.root;
	}

	DemoLakeSpec spec() {
		return this.spec;
	}

	/**
	 * The windows of a run at the spec's {@code asOf}: baseline {@code [asOf−60d,
	 * asOf−30d)}, current {@code [asOf−7d, asOf)}; every tenant.
	 */
	LogScanRequest request() {
		return new LogScanRequest(new TimeWindow(asOfMinus(60), asOfMinus(30)),
				new TimeWindow(asOfMinus(7), this.spec.asOf()), Set.of());
	}

	/** The scan ml-service runs over this lake, reading {@code threads} files at once. */
	LocalDirectoryLogSource source(int threads) {
		return new LocalDirectoryLogSource(this.root, DemoLake.PREFIX, threads);
	}

	/**
	 * The files one run reads (as the scan lists them), the records they hold (from the
	 * spec) and their size on disk; prints them.
	 */
	ReadSet readByOneRun(PrintStream out) throws IOException {
		List<Path> files = source(1).files(request());
		long bytes = 0;
		long records = 0;
		for (Path file : files) {
			bytes += Files.size(file);
			int index = Integer.parseInt(file.getFileName().toString().substring(5, 10));
			records += this.spec.recordsPerDay() / this.spec.filesPerDay()
					+ ((index < this.spec.recordsPerDay() % this.spec.filesPerDay()) ? 1 : 0);
		}
		out.printf("   read by one run: %,d records in %,d files, %,.1f MB on disk%n", records, files.size(),
				bytes / 1e6);
		String floorCommand = (this.spec.format() == DemoLakeSpec.Format.JSONL_GZ) ? "zcat" : "cat";
		return new ReadSet(files, records, bytes, floorCommand);
	}

	private Instant asOfMinus(int days) {
		return this.spec.asOf().minus(Duration.ofDays(days));
	}

	/**
	 * What one run reads.
	 *
	 * @param floorCommand {@code cat}, or {@code zcat} for gzip files
	 */
	record ReadSet(List<Path> files, long records, long bytes, String floorCommand) {

		/**
		 * The floor: the faster of two runs of the command over exactly these files, to
		 * /dev/null; printed.
		 */
		double floor(PrintStream out) throws IOException {
			double floor = Math.min(BenchmarkLake.floor(this.floorCommand, this.files),
					BenchmarkLake.floor(this.floorCommand, this.files));
			out.printf("   floor : %-4s of those files > /dev/null  %6.2f s  %,9.0f records/s  %,7.0f MB/s%n",
					this.floorCommand, floor, this.records / floor, this.bytes / 1e6 / floor);
			return floor;
		}

	}

	/** Seconds for the command to read the files to /dev/null. */
	static double floor(String command, List<Path> files) throws IOException {
		List<String> arguments = new ArrayList<>();
		arguments.add(command);
		files.forEach((file) -> arguments.add(file.toString()));
		long started = System.nanoTime();
		Process process = new ProcessBuilder(arguments).redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		try {
			if (process.waitFor() != 0) {
				throw new IOException(command + " failed with exit code " + process.exitValue());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
		return (System.nanoTime() - started) / 1e9;
	}

	static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
