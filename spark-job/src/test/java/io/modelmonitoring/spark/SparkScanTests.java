package io.modelmonitoring.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.scan.drift.DriftDetector;
import io.modelmonitoring.scan.lake.LocalDirectoryLogSource;
import io.modelmonitoring.scan.lake.LogScanResult;
import io.modelmonitoring.scan.lake.SketchedScanFixture;
import io.modelmonitoring.scan.remote.ScanJob;
import io.modelmonitoring.scan.remote.ScanResultFile;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The job's scan in a Spark of this JVM ({@code local[2]}): the result file it writes,
 * read back, gives the in-process scan's checks bit for bit, whether each task reads one
 * file or several. The same through a standalone cluster: {@link StandaloneClusterTests}.
 */
class SparkScanTests {

	@TempDir
	static Path work;

	static JavaSparkContext spark;

	static List<DriftCheck> inProcess;

	@BeforeAll
	static void start() {
		SketchedScanFixture.write(work.resolve("lake"));
		LogScanResult result = new LocalDirectoryLogSource(work.resolve("lake"), SketchedScanFixture.PREFIX, 2)
			.scan(SketchedScanFixture.REQUEST);
		inProcess = DriftDetector.evaluate(result.samples(), result.signals(), SketchedScanFixture.SETTINGS);
		spark = new JavaSparkContext(new SparkConf().setMaster("local[2]")
			.setAppName("drift scan tests")
			.set("spark.ui.enabled", "false")
			.set("spark.driver.host", "127.0.0.1"));
	}

	@AfterAll
	static void stop() {
		if (spark != null) {
			spark.stop();
		}
	}

	@Test
	void oneFileATaskGivesTheInProcessChecks() throws IOException {
		ScanResultFile result = run("one-a-task", DriftScanJob.DEFAULT_MAX_TASKS);
		assertThat(result.figures()).containsEntry("tasks", result.figures().get("files"));
		assertThat(result.figures().get("passes")).isBetween(2L, 4L);
		assertSame(result);
	}

	@Test
	void severalFilesATaskGiveTheInProcessChecks() throws IOException {
		ScanResultFile result = run("three-tasks", 3);
		assertThat(result.figures()).containsEntry("tasks", 3L);
		assertSame(result);
	}

	@Test
	void aMissingLakeIsAFailedResultWithTheReason() throws IOException {
		Path request = work.resolve("missing/request.json");
		Files.createDirectories(request.getParent());
		Files.write(request,
				new ScanJob(work.resolve("no-such-lake").toUri().toString(), SketchedScanFixture.SKETCHED).toJson());
		String result = work.resolve("missing/result.json").toUri().toString();
		assertThatThrownBy(() -> DriftScanJob.run(spark, request.toUri().toString(), result, 8))
			.hasMessageContaining("does not exist");
		try (InputStream in = Files.newInputStream(work.resolve("missing/result.json"))) {
			ScanResultFile failed = ScanResultFile.read(in);
			assertThat(failed.failed()).isTrue();
			assertThat(failed.error()).contains("no-such-lake").contains("does not exist");
		}
	}

	private static ScanResultFile run(String name, int maxTasks) throws IOException {
		Path request = work.resolve(name + "/request.json");
		Files.createDirectories(request.getParent());
		Files.write(request, new ScanJob(work.resolve("lake").resolve(SketchedScanFixture.PREFIX).toUri().toString(),
				SketchedScanFixture.SKETCHED)
			.toJson());
		Path result = work.resolve(name + "/result.json");
		DriftScanJob.run(spark, request.toUri().toString(), result.toUri().toString(), maxTasks);
		try (InputStream in = Files.newInputStream(result)) {
			return ScanResultFile.read(in);
		}
	}

	static void assertSame(ScanResultFile file) {
		assertThat(file.failed()).isFalse();
		LogScanResult result = file.result();
		assertThat(result.invalidRecords()).isEqualTo(SketchedScanFixture.INVALID_LINES);
		List<DriftCheck> checks = DriftDetector.evaluate(result.samples(), result.signals(),
				SketchedScanFixture.SETTINGS);
		SketchedScanFixture.assertSameChecks(checks, inProcess);
	}

}
