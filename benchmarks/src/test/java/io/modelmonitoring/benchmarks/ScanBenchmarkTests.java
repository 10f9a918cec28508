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
	}

}
