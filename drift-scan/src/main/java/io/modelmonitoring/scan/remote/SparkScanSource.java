package io.modelmonitoring.scan.remote;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.modelmonitoring.scan.lake.InferenceLogSource;
import io.modelmonitoring.scan.lake.LogScanRequest;
import io.modelmonitoring.scan.lake.LogScanResult;
import io.modelmonitoring.scan.remote.SparkSubmissions.DriverStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drift scan on a Spark standalone cluster: each scan writes its request to
 * {@link JobFiles}, submits the job jar in cluster mode through the master's REST server,
 * waits for the driver (killing it past the timeout), and reads back the one result file.
 * The result holds every model's exact bins, so drift is judged in ml-service by the same
 * code as an in-process scan. Anything short of a result (master unreachable, driver
 * failed or timed out, a result that is no result) is a {@link SparkEngineException}: the
 * run fails with the reason.
 */
public final class SparkScanSource implements InferenceLogSource {

	private static final Logger log = LoggerFactory.getLogger(SparkScanSource.class);

	/** The job's main class, in the job jar. */
	public static final String JOB_CLASS = "io.modelmonitoring.spark.DriftScanJob";

	/** A result holds a few kilobytes a model; this is far past any real lake's. */
	static final int MAX_RESULT_BYTES = Integer.MAX_VALUE - 64;

	private final SparkSubmissions submissions;

	private final JobFiles files;

	private final Settings settings;

	private final Consumer<Map<String, Long>> figures;

	public SparkScanSource(SparkSubmissions submissions, JobFiles files, Settings settings) {
		this(submissions, files, settings, (figures) -> {
		});
	}

	/**
	 * @param figures told how each scan's job ran (files, tasks, passes, models, scanMs):
	 * for benchmarks
	 */
	public SparkScanSource(SparkSubmissions submissions, JobFiles files, Settings settings,
			Consumer<Map<String, Long>> figures) {
		this.submissions = submissions;
		this.files = files;
		this.settings = settings;
		this.figures = figures;
	}

	@Override
	public LogScanResult scan(LogScanRequest request) {
		String folder = "scan-" + UUID.randomUUID();
		ScanJob job = new ScanJob(this.settings.logs(), new LogScanRequest(request.baseline(), request.current(),
				request.tenantIds(), request.signals().withSketchedPredictions()));
		long started = System.nanoTime();
		this.files.write(folder + "/request.json", job.toJson());
		try {
			String driver = this.submissions.create(submission(folder));
			log.info("drift scan submitted to Spark driver={} master={} folder={}", driver, this.settings.master(),
					folder);
			DriverStatus status = await(driver);
			ScanResultFile result = result(folder, driver, status);
			log.info("drift scan on Spark done driver={} seconds={} figures={}", driver,
					(System.nanoTime() - started) / 1_000_000_000.0, result.figures());
			this.figures.accept(result.figures());
			return result.result();
		}
		finally {
			try {
				this.files.deleteFolder(folder);
			}
			catch (RuntimeException ex) {
				log.warn("could not remove the drift scan's folder {}: {}", folder, ex.toString());
			}
		}
	}

	private SparkSubmissions.Submission submission(String folder) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spark.app.name", "model-monitoring drift scan");
		properties.put("spark.submit.deployMode", "cluster");
		properties.put("spark.driver.supervise", "false");
		properties.put("spark.driver.memory", "1g");
		properties.put("spark.executor.memory", "1g");
		properties.putAll(this.settings.sparkProperties());
		// Not overridable: the master and the jar are what this source submits to and
		// with.
		properties.put("spark.master", this.settings.master());
		properties.put("spark.jars", this.settings.jobJar());
		return new SparkSubmissions.Submission(
				this.settings.jobJar(), JOB_CLASS, List.of(this.files.uri(folder + "/request.json"),
						this.files.uri(folder + "/result.json"), Integer.toString(this.settings.maxTasks())),
				properties, this.settings.sparkVersion());
	}

	private DriverStatus await(String driver) {
		long deadline = System.nanoTime() + this.settings.timeout().toNanos();
		while (true) {
			DriverStatus status = this.submissions.status(driver);
			if (status.over()) {
				return status;
			}
			if (System.nanoTime() - deadline > 0) {
				kill(driver);
				throw new SparkEngineException("the Spark drift scan (driver " + driver + ") did not end within "
						+ this.settings.timeout() + " (data_lake.spark.timeout); it was killed", null);
			}
			try {
				Thread.sleep(this.settings.pollInterval().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				kill(driver);
				throw new SparkEngineException("interrupted while waiting for Spark driver " + driver, ex);
			}
		}
	}

	private void kill(String driver) {
		try {
			this.submissions.kill(driver);
		}
		catch (RuntimeException ex) {
			log.warn("could not kill Spark driver {}: {}", driver, ex.toString());
		}
	}

	private ScanResultFile result(String folder, String driver, DriverStatus status) {
		byte[] bytes = this.files.read(folder + "/result.json", MAX_RESULT_BYTES)
			.orElseThrow(() -> new SparkEngineException(
					"the Spark drift scan (driver " + driver + ") ended " + status.state() + " without a result file"
							+ ((status.message() != null) ? ": " + status.message() : "")
							+ "; the driver's log is in the work directory of worker " + status.worker(),
					null));
		ScanResultFile result;
		try {
			result = ScanResultFile.read(new ByteArrayInputStream(bytes));
		}
		catch (IllegalArgumentException ex) {
			throw new SparkEngineException("the Spark drift scan's result file is unreadable: " + ex.getMessage(), ex);
		}
		if (result.failed()) {
			throw new SparkEngineException("the Spark drift scan failed: " + result.error(), null);
		}
		if (!status.finished()) {
			throw new SparkEngineException("the Spark drift scan (driver " + driver + ") ended " + status.state()
					+ " after writing its result", null);
		}
		return result;
	}

	@Override
	public String describe() {
		return "spark master " + this.settings.master() + " reading " + this.settings.logs();
	}

	/**
	 * @param master the master the job runs on, e.g. {@code spark://127.0.0.1:7077}
	 * @param jobJar the job jar, as a URI the cluster's workers read
	 * @param sparkVersion the Spark version the job jar was built for
	 * @param logs the URI of the directory holding the day partitions, as the cluster
	 * reads it
	 * @param timeout the most a scan may take, submission to result
	 * @param pollInterval how often the driver's state is read
	 * @param maxTasks past this many files a task reads several
	 * @param sparkProperties more Spark properties (memory, cores, credentials)
	 */
	public record Settings(String master, String jobJar, String sparkVersion, String logs, Duration timeout,
			Duration pollInterval, int maxTasks, Map<String, String> sparkProperties) {

		public Settings {
			sparkProperties = Map.copyOf(sparkProperties);
		}

	}

}
