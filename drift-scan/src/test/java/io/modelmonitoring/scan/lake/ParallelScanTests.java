package io.modelmonitoring.scan.lake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import io.modelmonitoring.scan.drift.Psi;
import io.modelmonitoring.scan.drift.PsiResult;
import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.WindowSamples;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parallel scan against the sequential one on the same lake: a random lake of
 * {@code .jsonl}, {@code .jsonl.gz} and {@code .parquet} files with bad lines, an
 * unreadable file and a drifting model; the results must be identical, the PSI to the
 * bit.
 */
class ParallelScanTests {

	static final LogScanRequest REQUEST = LakeFixture.ALL_TENANTS;

	@TempDir
	Path lake;

	@BeforeEach
	void writeRandomLake() throws IOException {
		SplittableRandom random = new SplittableRandom(20261122);
		Path logs = this.lake.resolve(LakeFixture.PREFIX);
		List<LocalDate> days = new ArrayList<>();
		for (LocalDate day = LocalDate.parse("2026-09-22"); day
			.isBefore(LocalDate.parse("2026-11-23")); day = day.plusDays(3)) {
			days.add(day);
		}
		days.add(LocalDate.parse("2026-11-21"));
		int fileNumber = 0;
		for (LocalDate day : days) {
			Path directory = logs.resolve(DayPartitions.path(day));
			for (int file = 0; file < 3; file++) {
				int format = (fileNumber++) % 3;
				List<String> lines = new ArrayList<>();
				List<Consumer<Group>> rows = new ArrayList<>();
				for (int i = 0; i < 400; i++) {
					String tenant = "t" + random.nextInt(4);
					String model = "m" + random.nextInt(3);
					Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusMillis(random.nextLong(86_400_000L));
					double prediction = random.nextDouble();
					if (model.equals("m0") && at.isAfter(REQUEST.current().from())) {
						prediction = Math.min(1, prediction * 0.5 + 0.4); // drift
					}
					if (random.nextInt(100) == 0) {
						lines.add("{\"tenantId\": \"" + tenant + "\", \"prediction\": ");
						rows.add(ParquetFixture.row(tenant, null, prediction, at.toString()));
						continue;
					}
					lines.add(InferenceLogParserTests.line("\"" + tenant + "\"", "\"" + model + "\"",
							Double.toString(prediction), "\"" + at + "\""));
					rows.add(ParquetFixture.row(tenant, model, prediction, at.toString()));
				}
				byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
				Files.createDirectories(directory);
				switch (format) {
					case 0 -> Files.write(directory.resolve("part-" + file + ".jsonl"), text);
					case 1 -> Files.write(directory.resolve("part-" + file + ".jsonl.gz"), LakeFixture.gzip(text));
					default -> ParquetFixture.write(directory.resolve("part-" + file + ".parquet"),
							ParquetFixture.STRING_TIMESTAMPS, CompressionCodecName.SNAPPY, rows);
				}
			}
		}
		Files.writeString(logs.resolve("year=2026/month=11/day=21/broken.jsonl.gz"), "not gzip");
	}

	@Test
	void theParallelScanGivesTheSequentialResultToTheLastBit() {
		LogScanResult sequential = new LocalDirectoryLogSource(this.lake, LakeFixture.PREFIX, 1).scan(REQUEST);

		for (int threads : new int[] { 2, 3, 8 }) {
			LogScanResult parallel = new LocalDirectoryLogSource(this.lake, LakeFixture.PREFIX, threads).scan(REQUEST);

			assertThat(parallel.invalidRecords()).isEqualTo(sequential.invalidRecords()).isPositive();
			assertThat(parallel.filesRead()).isEqualTo(sequential.filesRead()).isGreaterThan(30);
			assertThat(parallel.unreadableFiles()).isEqualTo(sequential.unreadableFiles()).isEqualTo(1);
			assertThat(parallel.samples().keySet()).isEqualTo(sequential.samples().keySet()).hasSize(12);
			for (Map.Entry<ModelKey, WindowSamples> entry : sequential.samples().entrySet()) {
				WindowSamples expected = entry.getValue();
				WindowSamples actual = parallel.samples().get(entry.getKey());
				// Merged in file order: even the order of the samples is the sequential
				// one.
				assertThat(actual.baseline().toArray()).containsExactly(expected.baseline().toArray());
				assertThat(actual.current().toArray()).containsExactly(expected.current().toArray());
				PsiResult psiSequential = Psi.compute(expected.baseline().toArray(), expected.current().toArray(), 10,
						0.5);
				PsiResult psiParallel = Psi.compute(actual.baseline().toArray(), actual.current().toArray(), 10, 0.5);
				assertThat(Double.doubleToRawLongBits(psiParallel.psi()))
					.isEqualTo(Double.doubleToRawLongBits(psiSequential.psi()));
				assertThat(Double.doubleToRawLongBits(psiParallel.pValue()))
					.isEqualTo(Double.doubleToRawLongBits(psiSequential.pValue()));
			}
		}
		PsiResult drifting = psi(sequential, "t1", "m0");
		PsiResult stable = psi(sequential, "t1", "m1");
		assertThat(drifting.psi()).isGreaterThan(0.2);
		assertThat(stable.psi()).isLessThan(0.2);
	}

	@Test
	void theScansThreadsEndWithTheScan() {
		LogScanResult parallel = new LocalDirectoryLogSource(this.lake, LakeFixture.PREFIX, 2).scan(REQUEST);

		assertThat(parallel.filesRead()).isGreaterThan(30);
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
				.noneMatch((thread) -> thread.getName().startsWith("lake-scan")));
	}

	private static PsiResult psi(LogScanResult result, String tenant, String model) {
		WindowSamples samples = result.samples().get(new ModelKey(tenant, model));
		return Psi.compute(samples.baseline().toArray(), samples.current().toArray(), 10, 0.5);
	}

}
