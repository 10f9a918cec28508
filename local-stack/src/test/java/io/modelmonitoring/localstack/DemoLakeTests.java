package io.modelmonitoring.localstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's lake files, and a start that deletes those and nothing else.
 */
class DemoLakeTests {

	@Test
	void aStartWithoutTheDemoDeletesTheFilesAnEarlierDemoWroteAndNothingElse(@TempDir Path dataDir) throws Exception {
		Path lake = dataDir.resolve("lake");
		new DemoScenario(42, Instant.parse("2026-11-22T06:00:00Z")).writeLake(lake);
		List<String> written = Files.readAllLines(lake.resolve(DemoScenario.WRITTEN_FILES));
		// 60 days back from 06:00 on 22 November (from 07:00 on 23 September to 05:00 on
		// 22 November): 8 + 31 + 22 calendar days, one file a day, gzipped on odd days.
		assertThat(written).hasSize(61)
			.contains("ml_inference_logs/year=2026/month=09/day=23/demo.jsonl.gz",
					"ml_inference_logs/year=2026/month=11/day=21/demo.jsonl.gz",
					"ml_inference_logs/year=2026/month=11/day=22/demo.jsonl");
		// Someone's own files: one beside a demo file, one in a partition of its own.
		Path beside = Files.writeString(lake.resolve("ml_inference_logs/year=2026/month=11/day=20/part-00000.jsonl"),
				"{}\n");
		Path own = Files.createDirectories(lake.resolve("ml_inference_logs/year=2026/month=12/day=01"));
		Path ownFile = Files.writeString(own.resolve("part-00000.jsonl"), "{}\n");

		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		LocalStack noDemo = LocalStack.create(options(dataDir, false),
				new PrintStream(printed, true, StandardCharsets.UTF_8));
		assertThat(noDemo.prepareLake()).isEqualTo(lake);

		assertThat(files(lake)).containsExactlyInAnyOrder(beside, ownFile);
		assertThat(lake.resolve("ml_inference_logs/year=2026/month=09")).doesNotExist();
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("deleted the 61 files an earlier demo wrote");
		// Nothing is listed any more: the next start deletes nothing.
		assertThat(DemoScenario.removeWrittenFiles(lake)).isZero();
		assertThat(files(lake)).containsExactlyInAnyOrder(beside, ownFile);
	}

	@Test
	void aListedPathOutsideTheInferenceLogsIsNeverDeleted(@TempDir Path dataDir) throws Exception {
		Path lake = Files.createDirectories(dataDir.resolve("lake"));
		Path elsewhere = Files.writeString(dataDir.resolve("notes.txt"), "mine\n");
		Files.write(lake.resolve(DemoScenario.WRITTEN_FILES),
				List.of("../notes.txt", "ml_inference_logs/../../notes.txt"));
		assertThat(DemoScenario.removeWrittenFiles(lake)).isZero();
		assertThat(elsewhere).exists();
	}

	static StackOptions options(Path dataDir, boolean demo) {
		return new StackOptions(false, demo, dataDir, 42, 0, 0, 0, 0, 0, 0, null, null, dataDir);
	}

	private static List<Path> files(Path lake) throws Exception {
		try (Stream<Path> paths = Files.walk(lake)) {
			return paths.filter(Files::isRegularFile).toList();
		}
	}

}
