package io.modelmonitoring.spark;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.scan.drift.DriftDetector;
import io.modelmonitoring.scan.lake.LocalDirectoryLogSource;
import io.modelmonitoring.scan.lake.LogScanResult;
import io.modelmonitoring.scan.lake.SketchedScanFixture;
import io.modelmonitoring.scan.remote.JobFiles;
import io.modelmonitoring.scan.remote.LocalSparkCluster;
import io.modelmonitoring.scan.remote.SparkEngineException;
import io.modelmonitoring.scan.remote.SparkScanSource;
import io.modelmonitoring.scan.remote.SparkSubmissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The job jar on a real Spark standalone cluster (a master and workers, each a JVM of its
 * own), submitted through the master's REST server as ml-service submits it: its result
 * gives the in-process checks bit for bit; a failed or overdue job is an error with the
 * reason. Needs {@code scripts/spark-local.sh start}; the test command starts it.
 */
class StandaloneClusterTests {

	/**
	 * Several consecutive files a task (proved equal in {@link SparkScanTests}), no more
	 * tasks than one batch holds: one Spark job a pass, so the test pays few job
	 * schedulings.
	 */
	static final int TASKS = SparkScan.MIN_BATCH;

	@TempDir
	static Path work;

	static List<DriftCheck> inProcess;

	@BeforeAll
	static void clusterAndFixture() {
		LocalSparkCluster.requireRunning();
		SketchedScanFixture.write(work.resolve("lake"));
		LogScanResult result = new LocalDirectoryLogSource(work.resolve("lake"), SketchedScanFixture.PREFIX, 2)
			.scan(SketchedScanFixture.REQUEST);
		inProcess = DriftDetector.evaluate(result.samples(), result.signals(), SketchedScanFixture.SETTINGS);
	}

	@Test
	void theClustersResultGivesTheInProcessChecksBitForBit() {
		LogScanResult result = source(work.resolve("lake").resolve(SketchedScanFixture.PREFIX).toUri().toString(),
				Duration.ofMinutes(5))
			.scan(SketchedScanFixture.REQUEST);
		assertThat(result.invalidRecords()).isEqualTo(SketchedScanFixture.INVALID_LINES);
		SketchedScanFixture.assertSameChecks(
				DriftDetector.evaluate(result.samples(), result.signals(), SketchedScanFixture.SETTINGS), inProcess);
		assertThat(work.resolve("jobs")).isEmptyDirectory();
	}

	@Test
	void aJobThatFailsIsAnErrorWithItsReason() {
		SparkScanSource source = source(work.resolve("no-such-lake").toUri().toString(), Duration.ofMinutes(5));
		assertThatThrownBy(() -> source.scan(SketchedScanFixture.REQUEST)).isInstanceOf(SparkEngineException.class)
			.hasMessageContaining("the Spark drift scan failed")
			.hasMessageContaining("no-such-lake")
			.hasMessageContaining("does not exist");
	}

	@Test
	void aJobPastItsTimeoutIsKilledAndAnError() {
		SparkScanSource source = source(work.resolve("lake").resolve(SketchedScanFixture.PREFIX).toUri().toString(),
				Duration.ofMillis(300));
		assertThatThrownBy(() -> source.scan(SketchedScanFixture.REQUEST)).isInstanceOf(SparkEngineException.class)
			.hasMessageContaining("did not end within")
			.hasMessageContaining("killed");
	}

	@Test
	void aMasterThatIsNotThereIsAnErrorNamingIt() {
		SparkScanSource source = new SparkScanSource(
				new SparkSubmissions(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(2)),
				JobFiles.local(work.resolve("jobs")), settings("file:/nowhere", Duration.ofMinutes(1)));
		assertThatThrownBy(() -> source.scan(SketchedScanFixture.REQUEST)).isInstanceOf(SparkEngineException.class)
			.hasMessageContaining("http://127.0.0.1:1")
			.hasMessageContaining("unreachable");
	}

	private static SparkScanSource source(String logs, Duration timeout) {
		return new SparkScanSource(new SparkSubmissions(LocalSparkCluster.REST, Duration.ofSeconds(30)),
				JobFiles.local(work.resolve("jobs")), settings(logs, timeout));
	}

	private static SparkScanSource.Settings settings(String logs, Duration timeout) {
		Path jar = Path.of(System.getProperty("spark.job.jar", "target/spark-job-0.1.0-SNAPSHOT-job.jar"));
		assertThat(jar).as("the job jar of the package phase").exists();
		return new SparkScanSource.Settings(LocalSparkCluster.MASTER, jar.toAbsolutePath().toUri().toString(),
				System.getProperty("spark.version", "4.2.0"), logs, timeout, Duration.ofMillis(200), TASKS,
				Map.of("spark.executor.cores", "1", "spark.cores.max", "2", "spark.driver.memory", "1g",
						"spark.executor.memory", "1g"));
	}

}
