package io.modelmonitoring.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.modelmonitoring.demodata.DemoLakeSpec;
import io.modelmonitoring.scan.drift.Psi;
import io.modelmonitoring.scan.drift.PsiResult;
import io.modelmonitoring.scan.lake.LocalDirectoryLogSource;
import io.modelmonitoring.scan.lake.LogScanRequest;
import io.modelmonitoring.scan.lake.LogScanResult;
import io.modelmonitoring.scan.lake.ScanSignals;
import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.WindowSamples;

/**
 * Times ml-service's drift scan of one run (the windows of SPEC §6 at {@code asOf}) from
 * a local-directory lake written by demo-data, per format, next to the floor this machine
 * sets: {@code cat} (or {@code zcat}) of the very files the scan reads, to /dev/null. It
 * also runs the sequential scan (one thread) and checks that every model's PSI is the
 * same to the last bit.
 * <p>
 * With {@code --features N} and {@code --segments true} the lake's records also carry
 * that many numeric input features and the three segment values (a lake of its own, named
 * apart); {@code --signal-scan true} (the default for such a lake) then also times the
 * scan that gathers them, {@link #SIGNALS}, against the scan of the predictions alone of
 * the same lake.
 * <p>
 * {@code java -Xmx512m -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar [--records
 * 10000000] [--formats jsonl,jsonl.gz,parquet] [--threads N] [--dir
 * /tmp/model-monitoring-bench] [--runs 2] [--sequential true] [--days 60] [--tenants 20]
 * [--models 5] [--files-per-day 4] [--seed 42] [--as-of 2026-11-22T06:00:00Z] [--features 0]
 * [--segments false] [--signal-scan true|false]}
 */
public final class ScanBenchmark {

	static final int MIN_SAMPLES = 30;

	static final int BINS = 10;

	static final double SMOOTHING = 0.5;

	static final double THRESHOLD = 0.2;

	/**
	 * The scan with segments and features: ml-service's default dimensions and limits,
	 * the benchmark's bins.
	 */
	static final ScanSignals SIGNALS = new ScanSignals(List.of("industry", "region", "deal_size"), 50, true, 50, BINS);

	static final String USAGE = "usage: benchmarks [--records 10000000] [--formats jsonl,jsonl.gz,parquet] "
			+ "[--threads N] [--dir /tmp/model-monitoring-bench] [--runs 2] [--sequential true] [--days 60] "
			+ "[--tenants 20] [--models 5] [--files-per-day 4] [--seed 42] [--as-of 2026-11-22T06:00:00Z] "
			+ "[--features 0] [--segments false] [--signal-scan true|false (default: whether the lake has them)]";

	/**
	 * What one format measured.
	 *
	 * @param signalScan the scan with segments and features; null when not run
	 */
	public record FormatResult(String format, long recordsScanned, long bytesScanned, int files, double floorSeconds,
			double bestSeconds, double sequentialSeconds, long peakHeapBytes, double cpuShare, int models, int drifted,
			boolean identical, SignalScan signalScan) {

		public double recordsPerSecond() {
			return this.recordsScanned / this.bestSeconds;
		}

	}

	/**
	 * The best of the scans with segments and features.
	 *
	 * @param ratio its wall time over the best scan of the predictions alone of the same
	 * lake
	 * @param cpuRatio its CPU time over that scan's: on a machine shared with other work,
	 * where wall time follows the CPU the scans get, the steadier of the two
	 * @param segments segments gathered, over all models
	 * @param features features gathered, over all models
	 */
	public record SignalScan(double seconds, long peakHeapBytes, long retainedHeapBytes, double ratio, double cpuRatio,
			int segments, int features) {
	}

	private ScanBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		Map<String, String> options = CommandLine.optionsOrExit(args, USAGE);
		List<FormatResult> results = run(options, System.out);
		System.exit(results.stream().allMatch(FormatResult::identical) ? 0 : 1);
	}

	public static List<FormatResult> run(Map<String, String> options, PrintStream out) throws IOException {
		int threads = Integer
			.parseInt(options.getOrDefault("threads", Integer.toString(Runtime.getRuntime().availableProcessors())));
		int runs = Integer.parseInt(options.getOrDefault("runs", "2"));
		boolean sequential = CommandLine.flag(options, "sequential", true);
		int features = Integer.parseInt(options.getOrDefault("features", "0"));
		boolean segments = CommandLine.flag(options, "segments", false);
		boolean signalScan = CommandLine.flag(options, "signal-scan", features > 0 || segments);
		Path dir = Path.of(options.getOrDefault("dir", "/tmp/model-monitoring-bench"));
		out.printf("machine: %d processors, load average %s (1/5/15 min) before the run, max heap %,d MB, Java %s%n",
				Runtime.getRuntime().availableProcessors(), loadAverage(), Runtime.getRuntime().maxMemory() >> 20,
				System.getProperty("java.version"));
		List<FormatResult> results = new ArrayList<>();
		for (String name : options.getOrDefault("formats", "jsonl,jsonl.gz,parquet").split(",")) {
			DemoLakeSpec spec = BenchmarkLake.spec(options, DemoLakeSpec.Format.of(name))
				.withSignals(features, 0, segments);
			results.add(benchmark(dir, spec, threads, runs, sequential, signalScan, out));
		}
		return results;
	}

	static FormatResult benchmark(Path dir, DemoLakeSpec spec, int threads, int runs, boolean sequential,
			boolean signalScan, PrintStream out) throws IOException {
		BenchmarkLake lake = BenchmarkLake.prepare(dir, spec, out);
		String format = spec.format().extension().substring(1);
		LogScanRequest request = lake.request();
		LocalDirectoryLogSource source = lake.source(threads);
		BenchmarkLake.ReadSet read = lake.readByOneRun(out);
		List<Path> files = read.files();
		long bytes = read.bytes();
		long recordsScanned = read.records();
		double floor = read.floor(out);
		double best = Double.MAX_VALUE;
		long peak = 0;
		double cpu = 0;
		double bestCpuSeconds = 0;
		LogScanResult result = null;
		for (int run = 1; run <= runs; run++) {
			Measured measured = measure(() -> source.scan(request));
			out.printf(
					"   scan %d: %d threads  wall %6.2f s  %,9.0f records/s  %,7.0f MB/s  cpu %3.0f%% (%.1f s)"
							+ "  peak heap %,4d MB (after GC %,d MB)  %.2fx the floor%n",
					run, threads, measured.seconds, recordsScanned / measured.seconds, bytes / 1e6 / measured.seconds,
					measured.cpuShare * 100, measured.cpuSeconds(), measured.peakHeap >> 20,
					measured.retainedHeap >> 20, measured.seconds / floor);
			if (measured.seconds < best) {
				best = measured.seconds;
				cpu = measured.cpuShare;
				bestCpuSeconds = measured.cpuSeconds();
			}
			peak = Math.max(peak, measured.peakHeap);
			result = measured.result;
		}
		long psiStart = System.nanoTime();
		Map<ModelKey, PsiResult> psi = psi(result);
		out.printf("   PSI and p-value of %d models: %.3f s%n", psi.size(), (System.nanoTime() - psiStart) / 1e9);
		boolean identical = true;
		double sequentialSeconds = Double.NaN;
		if (sequential) {
			Measured measured = measure(() -> lake.source(1).scan(request));
			sequentialSeconds = measured.seconds;
			out.printf(
					"   sequential (1 thread): wall %6.2f s  %,9.0f records/s  peak heap %,4d MB (after GC %,d MB)%n",
					measured.seconds, recordsScanned / measured.seconds, measured.peakHeap >> 20,
					measured.retainedHeap >> 20);
			identical = sameToTheBit(result, measured.result, psi, psi(measured.result));
		}
		long drifted = psi.values().stream().filter((value) -> value.psi() > THRESHOLD).count();
		out.printf("   result: %,d invalid records, %d unreadable files; PSI of %d models, %d drifted (PSI > %.1f)%s%n",
				result.invalidRecords(), result.unreadableFiles(), psi.size(), drifted, THRESHOLD,
				sequential ? (identical ? "; identical to the sequential scan to the last bit"
						: "; DIFFERENT from the sequential scan") : "");
		psi.entrySet()
			.stream()
			.sorted(Comparator.comparingDouble((Map.Entry<ModelKey, PsiResult> entry) -> -entry.getValue().psi()))
			.limit(3)
			.forEach((entry) -> out.printf("     e.g. %s/%s PSI %.4f (n=%d, m=%d)%n", entry.getKey().tenantId(),
					entry.getKey().modelId(), entry.getValue().psi(), entry.getValue().baselineCount(),
					entry.getValue().currentCount()));
		int models = psi.size();
		result = null; // let the signal scans' heap after GC hold their own results only
		SignalScan signals = signalScan ? signalScans(source, request, runs, best, bestCpuSeconds, recordsScanned, out)
				: null;
		return new FormatResult(format, recordsScanned, bytes, files.size(), floor, best, sequentialSeconds, peak, cpu,
				models, (int) drifted, identical, signals);
	}

	/**
	 * Times the scan that also gathers segments and features, against {@code best} and
	 * the CPU time that scan took.
	 */
	private static SignalScan signalScans(LocalDirectoryLogSource source, LogScanRequest predictions, int runs,
			double best, double bestCpuSeconds, long recordsScanned, PrintStream out) {
		LogScanRequest request = new LogScanRequest(predictions.baseline(), predictions.current(),
				predictions.tenantIds(), SIGNALS);
		SignalScan fastest = null;
		long peak = 0;
		for (int run = 1; run <= runs; run++) {
			Measured measured = measure(() -> source.scan(request));
			int segments = measured.result.signals().values().stream().mapToInt((s) -> s.segments().size()).sum();
			int features = measured.result.signals().values().stream().mapToInt((s) -> s.features().size()).sum();
			out.printf(
					"   scan with segments and features %d: wall %6.2f s  %,9.0f records/s  cpu %3.0f%% (%.1f s)"
							+ "  peak heap %,4d MB (after GC %,d MB)  %.2fx the scan of predictions alone"
							+ " (CPU time %.2fx); %,d segments, %,d features%n",
					run, measured.seconds, recordsScanned / measured.seconds, measured.cpuShare * 100,
					measured.cpuSeconds(), measured.peakHeap >> 20, measured.retainedHeap >> 20,
					measured.seconds / best, measured.cpuSeconds() / bestCpuSeconds, segments, features);
			out.printf("     result digest (SHA-256 of every sample, edge and count): %s%n",
					ResultDigest.of(measured.result));
			peak = Math.max(peak, measured.peakHeap);
			if (fastest == null || measured.seconds < fastest.seconds()) {
				fastest = new SignalScan(measured.seconds, 0, measured.retainedHeap, measured.seconds / best,
						measured.cpuSeconds() / bestCpuSeconds, segments, features);
			}
		}
		// As for the scan of predictions: the fastest run's time, the highest peak.
		return new SignalScan(fastest.seconds(), peak, fastest.retainedHeapBytes(), fastest.ratio(), fastest.cpuRatio(),
				fastest.segments(), fastest.features());
	}

	static Map<ModelKey, PsiResult> psi(LogScanResult result) {
		Map<ModelKey, PsiResult> psi = new TreeMap<>();
		result.samples().forEach((key, samples) -> {
			if (samples.baseline().size() >= MIN_SAMPLES && samples.current().size() >= MIN_SAMPLES) {
				psi.put(key, Psi.compute(samples.baseline().toArray(), samples.current().toArray(), BINS, SMOOTHING));
			}
		});
		return psi;
	}

	static boolean sameToTheBit(LogScanResult a, LogScanResult b, Map<ModelKey, PsiResult> psiA,
			Map<ModelKey, PsiResult> psiB) {
		if (a.invalidRecords() != b.invalidRecords() || a.filesRead() != b.filesRead()
				|| a.unreadableFiles() != b.unreadableFiles() || !a.samples().keySet().equals(b.samples().keySet())
				|| !psiA.keySet().equals(psiB.keySet())) {
			return false;
		}
		for (Map.Entry<ModelKey, WindowSamples> entry : a.samples().entrySet()) {
			WindowSamples other = b.samples().get(entry.getKey());
			if (entry.getValue().baseline().size() != other.baseline().size()
					|| entry.getValue().current().size() != other.current().size()) {
				return false;
			}
		}
		for (Map.Entry<ModelKey, PsiResult> entry : psiA.entrySet()) {
			PsiResult other = psiB.get(entry.getKey());
			if (Double.doubleToRawLongBits(entry.getValue().psi()) != Double.doubleToRawLongBits(other.psi()) || Double
				.doubleToRawLongBits(entry.getValue().pValue()) != Double.doubleToRawLongBits(other.pValue())) {
				return false;
			}
		}
		return true;
	}

	private record Measured(double seconds, double cpuShare, long peakHeap, long retainedHeap, LogScanResult result) {

		/** The process's CPU time over the scan, all threads. */
		double cpuSeconds() {
			return this.cpuShare * this.seconds * Runtime.getRuntime().availableProcessors();
		}

	}

	private static Measured measure(java.util.function.Supplier<LogScanResult> scan) {
		System.gc();
		List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.toList();
		heap.forEach(MemoryPoolMXBean::resetPeakUsage);
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		long cpuBefore = os.getProcessCpuTime();
		long started = System.nanoTime();
		LogScanResult result = scan.get();
		double seconds = (System.nanoTime() - started) / 1e9;
		double cpuShare = (os.getProcessCpuTime() - cpuBefore) / 1e9 / seconds
				/ Runtime.getRuntime().availableProcessors();
		// The sum of each pool's peak: an upper bound of the heap in use at any moment.
		long peak = heap.stream().mapToLong((pool) -> pool.getPeakUsage().getUsed()).sum();
		// What the result holds once garbage is gone: the samples the run keeps.
		System.gc();
		long retained = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
		return new Measured(seconds, cpuShare, peak, retained, result);
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
