package io.modelmonitoring.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A smoke test of the harness on a small lake: the real benchmark is run by hand. */
class ScanBenchmarkTests {

	@TempDir
	Path dir;

	@Test
	void timesEveryFormatAgainstItsFloorAndFindsTheSequentialResult() throws IOException {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		List<ScanBenchmark.FormatResult> results = ScanBenchmark.run(
				Map.of("records", "50000", "dir", this.dir.toString(), "runs", "1", "threads", "2", "tenants", "4"),
				new PrintStream(printed, true, StandardCharsets.UTF_8));

		String output = printed.toString(StandardCharsets.UTF_8);
		assertThat(results).extracting(ScanBenchmark.FormatResult::format)
			.containsExactly("jsonl", "jsonl.gz", "parquet");
		assertThat(results).allSatisfy((result) -> {
			assertThat(result.identical()).isTrue();
			assertThat(result.models()).isEqualTo(20);
			assertThat(result.drifted()).isPositive().isLessThan(20);
			assertThat(result.recordsScanned()).isGreaterThan(30_000);
		});
		assertThat(output).contains("floor : cat", "floor : zcat", "records/s", "peak heap",
				"identical to the sequential scan to the last bit");
		// Generated once, reused by a second run.
		ByteArrayOutputStream again = new ByteArrayOutputStream();
		ScanBenchmark.run(Map.of("records", "50000", "dir", this.dir.toString(), "runs", "1", "formats", "jsonl",
				"sequential", "false", "tenants", "4"), new PrintStream(again, true, StandardCharsets.UTF_8));
		assertThat(again.toString(StandardCharsets.UTF_8)).contains("reusing");
		assertThat(results).allSatisfy((result) -> assertThat(result.signalScan()).isNull());
	}

	@Test
	void aLakeWithFeaturesAndSegmentsIsALakeOfItsOwnAndItsSignalScanIsTimedAgainstThePredictionsAlone()
			throws IOException {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		List<ScanBenchmark.FormatResult> results = ScanBenchmark.run(
				Map.of("records", "50000", "dir", this.dir.toString(), "runs", "1", "formats", "jsonl", "sequential",
						"false", "tenants", "4", "features", "10", "segments", "true"),
				new PrintStream(printed, true, StandardCharsets.UTF_8));

		String output = printed.toString(StandardCharsets.UTF_8);
		ScanBenchmark.SignalScan signals = results.get(0).signalScan();
		assertThat(signals).isNotNull();
		// 4 tenants × 5 models, each with the 5 + 3 + 3 segment values and 10 features.
		assertThat(signals.segments()).isEqualTo(20 * 11);
		assertThat(signals.features()).isEqualTo(20 * 10);
		assertThat(signals.ratio()).isPositive();
		assertThat(signals.cpuRatio()).isPositive();
		assertThat(signals.peakHeapBytes()).isPositive();
		assertThat(output).contains("jsonl-49980-features10-segments-", "numericFeatures=10",
				"scan with segments and features 1:", "x the scan of predictions alone (CPU time ",
				"result digest (SHA-256 of every sample, edge and count): ");
		// The same lake scanned for its predictions only, and a lake of predictions
		// alone written beside it, not mixed up with it.
		ByteArrayOutputStream again = new ByteArrayOutputStream();
		List<ScanBenchmark.FormatResult> predictionsOnly = ScanBenchmark.run(
				Map.of("records", "50000", "dir", this.dir.toString(), "runs", "1", "formats", "jsonl", "sequential",
						"false", "tenants", "4", "features", "10", "segments", "true", "signal-scan", "false"),
				new PrintStream(again, true, StandardCharsets.UTF_8));
		assertThat(predictionsOnly.get(0).signalScan()).isNull();
		assertThat(again.toString(StandardCharsets.UTF_8)).contains("reusing").contains("-features10-segments-");
		ByteArrayOutputStream plain = new ByteArrayOutputStream();
		ScanBenchmark.run(Map.of("records", "50000", "dir", this.dir.toString(), "runs", "1", "formats", "jsonl",
				"sequential", "false", "tenants", "4"), new PrintStream(plain, true, StandardCharsets.UTF_8));
		assertThat(plain.toString(StandardCharsets.UTF_8)).contains("generated").doesNotContain("features10");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> ScanBenchmark.run(Map.of("segments", "yes"), new PrintStream(new ByteArrayOutputStream())))
			.withMessageContaining("--segments takes true or false");
	}

}
