package io.modelmonitoring.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.modelmonitoring.scan.lake.LogScanResult;
import io.modelmonitoring.scan.remote.ScanJob;
import io.modelmonitoring.scan.remote.ScanResultFile;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drift scan of one monitoring run as a Spark application:
 * {@code DriftScanJob <request URI> <result URI> [max tasks]}. It reads the request
 * ml-service wrote ({@link ScanJob}), scans the day partitions of its windows, and writes
 * one {@link ScanResultFile}: the exact bins of every model, segment and feature, or the
 * reason it failed (and then exits non-zero, so the cluster reports the driver as
 * failed). Both URIs are read and written through Hadoop's file systems, so the same jar
 * runs on a standalone cluster over a local directory and on Databricks or Synapse over
 * {@code abfss://}.
 */
public final class DriftScanJob {

	private static final Logger log = LoggerFactory.getLogger(DriftScanJob.class);

	/** Past this many tasks a task reads several consecutive files. */
	static final int DEFAULT_MAX_TASKS = 2048;

	private DriftScanJob() {
	}

	public static void main(String[] args) {
		if (args.length < 2 || args.length > 3) {
			System.err.println("usage: DriftScanJob <request URI> <result URI> [max tasks]");
			System.exit(2);
		}
		int maxTasks = (args.length == 3) ? Integer.parseInt(args[2]) : DEFAULT_MAX_TASKS;
		SparkSession session = SparkSession.builder().appName("model-monitoring drift scan").getOrCreate();
		int status = 0;
		try {
			run(JavaSparkContext.fromSparkContext(session.sparkContext()), args[0], args[1], maxTasks);
		}
		catch (RuntimeException ex) {
			status = 1;
		}
		finally {
			session.stop();
		}
		System.exit(status);
	}

	/**
	 * Runs one scan and writes its result file, also when it fails (with the reason).
	 * @throws RuntimeException what made it fail, after the failure was written
	 */
	static LogScanResult run(JavaSparkContext spark, String requestUri, String resultUri, int maxTasks) {
		long started = System.nanoTime();
		HadoopFiles files = new HadoopFiles(spark.hadoopConfiguration());
		Map<String, Long> figures = new LinkedHashMap<>();
		try {
			ScanJob job = ScanJob.read(new ByteArrayInputStream(files.readAll(requestUri)));
			List<String> paths = files.list(job.logs(), job.request().baseline(), job.request().current());
			SparkScan scan = new SparkScan(spark, files, maxTasks);
			LogScanResult result = scan.scan(paths, job.request());
			figures.put("files", (long) paths.size());
			figures.put("tasks", (long) scan.tasks());
			figures.put("passes", (long) scan.passes());
			figures.put("models", (long) result.samples().size());
			figures.put("scanMs", (System.nanoTime() - started) / 1_000_000);
			write(files, resultUri, ScanResultFile.succeeded(result, figures));
			log.info("drift scan done files={} tasks={} passes={} models={} scanMs={}", paths.size(), scan.tasks(),
					scan.passes(), result.samples().size(), figures.get("scanMs"));
			return result;
		}
		catch (RuntimeException ex) {
			figures.put("scanMs", (System.nanoTime() - started) / 1_000_000);
			log.error("drift scan failed: {}", ex.toString(), ex);
			try {
				write(files, resultUri, ScanResultFile.failed(reason(ex), figures));
			}
			catch (RuntimeException writeFailure) {
				ex.addSuppressed(writeFailure);
			}
			throw ex;
		}
	}

	private static void write(HadoopFiles files, String resultUri, ScanResultFile result) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		result.write(out);
		files.writeAll(resultUri, out.toByteArray());
	}

	/** The failure in one line: the innermost message is most often the useful one. */
	private static String reason(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String reason = (root == ex) ? ex.toString() : ex.getMessage() + " (cause: " + root + ")";
		return (reason.length() > 2000) ? reason.substring(0, 2000) + "…" : reason;
	}

}
