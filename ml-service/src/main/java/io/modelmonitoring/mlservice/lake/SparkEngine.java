package io.modelmonitoring.mlservice.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import io.modelmonitoring.scan.lake.InferenceLogSource;
import io.modelmonitoring.scan.lake.LocalDirectoryLogSource;
import io.modelmonitoring.scan.remote.JobFiles;
import io.modelmonitoring.scan.remote.SparkScanSource;
import io.modelmonitoring.scan.remote.SparkSubmissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * {@code data_lake.engine: spark}: the {@link SparkScanSource} over the configured lake,
 * with the job jar built into this service unless {@code data_lake.spark.job_jar} names
 * another. Settings that cannot work fail start-up naming the key.
 */
final class SparkEngine {

	private static final Logger log = LoggerFactory.getLogger(SparkEngine.class);

	/** The job jar inside this service, put there by the build. */
	static final String BUILT_IN_JAR = "spark/drift-scan-job.jar";

	/** A submission answer is quick; a master that takes longer is not well. */
	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private SparkEngine() {
	}

	static InferenceLogSource source(DataLakeProperties properties, InferenceLogSource lake) {
		SparkEngineProperties spark = properties.spark();
		Path workDir = workDir(spark);
		String logs = logsUri(properties, spark, lake);
		BuiltJar jar = StringUtils.hasText(spark.jobJar()) ? new BuiltJar(spark.jobJar().strip(), null)
				: builtInJar(workDir);
		SparkScanSource.Settings settings = new SparkScanSource.Settings(spark.master(), jar.uri(),
				(jar.sparkVersion() != null) ? jar.sparkVersion() : "unknown", logs, spark.timeout(),
				spark.pollInterval(), spark.maxTasks(), spark.properties());
		log.info("drift scan engine: spark master={} rest={} jar={} logs={} workDir={}", spark.master(),
				spark.effectiveRestUrl(), jar.uri(), logs, workDir);
		return new SparkScanSource(new SparkSubmissions(URI.create(spark.effectiveRestUrl()), REQUEST_TIMEOUT),
				JobFiles.local(workDir), settings);
	}

	private static Path workDir(SparkEngineProperties spark) {
		String configured = StringUtils.hasText(spark.workDir()) ? spark.workDir().strip()
				: Path.of(System.getProperty("java.io.tmpdir"), "model-monitoring-spark").toString();
		try {
			Path directory = Path.of(configured).toAbsolutePath().normalize();
			Files.createDirectories(directory);
			return directory;
		}
		catch (InvalidPathException | IOException ex) {
			throw new InvalidConfigurationPropertyValueException("data-lake.spark.work-dir", configured,
					"data_lake.spark.work_dir must be a directory ml-service can create and write: " + ex);
		}
	}

	/** The logs as the cluster reads them: as configured, or the local lake's folder. */
	private static String logsUri(DataLakeProperties properties, SparkEngineProperties spark, InferenceLogSource lake) {
		if (StringUtils.hasText(spark.logsUri())) {
			return spark.logsUri().strip();
		}
		if (lake instanceof LocalDirectoryLogSource) {
			Path root = Path.of(properties.localPath().strip()).toAbsolutePath().normalize();
			String prefix = properties.normalizedPrefix();
			return (prefix.isEmpty() ? root : root.resolve(prefix)).toUri().toString();
		}
		throw new InvalidConfigurationPropertyValueException("data-lake.spark.logs-uri", spark.logsUri(),
				"data_lake.engine is spark: set data_lake.spark.logs_uri (DATA_LAKE_SPARK_LOGS_URI) to the inference "
						+ "logs as the cluster reads them, e.g. abfss://<container>@<account>.dfs.core.windows.net"
						+ properties.mlInferenceLogsPrefix() + ", or set data_lake.local_path");
	}

	/**
	 * The built-in job jar, copied once to the work directory under a name of its
	 * content's hash (a new build never reuses an old copy), and the Spark version it was
	 * built for.
	 */
	private static BuiltJar builtInJar(Path workDir) {
		byte[] jar;
		try (InputStream in = SparkEngine.class.getClassLoader().getResourceAsStream(BUILT_IN_JAR)) {
			if (in == null) {
				throw new InvalidConfigurationPropertyValueException("data-lake.spark.job-jar", "",
						"this build of ml-service holds no Spark job jar; set data_lake.spark.job_jar");
			}
			jar = in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the built-in Spark job jar", ex);
		}
		try {
			String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar)).substring(0, 16);
			Path copy = workDir.resolve("drift-scan-job-" + hash + ".jar");
			if (!Files.exists(copy)) {
				Path partial = workDir.resolve(copy.getFileName() + ".partial");
				Files.write(partial, jar);
				Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			return new BuiltJar(copy.toUri().toString(), sparkVersion(copy));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot copy the Spark job jar to " + workDir, ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sparkVersion(Path jar) throws IOException {
		try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
			Manifest manifest = in.getManifest();
			return (manifest != null) ? manifest.getMainAttributes().getValue("Spark-Version") : null;
		}
	}

	private record BuiltJar(String uri, String sparkVersion) {
	}

}
