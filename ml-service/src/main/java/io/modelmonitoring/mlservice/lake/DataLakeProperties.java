package io.modelmonitoring.mlservice.lake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Where the inference logs are ({@code data_lake.*}): Azure (a connection string), a
 * local directory with the same layout, or neither (drift is then skipped). Setting both
 * is an error.
 *
 * @param connectionString an Azure Storage connection string; blank: no Azure lake
 * @param container the blob container of the Azure lake
 * @param mlInferenceLogsPrefix the folder of the logs inside the container (or inside
 * {@code localPath}); leading and trailing slashes do not matter, empty means the root
 * @param localPath a directory that plays the container; blank: no local lake
 * @param scanThreads how many files of a local lake are read at once; unset: as many as
 * the JVM has processors
 * @param maxConcurrentDownloads how many blobs of an Azure lake are read at once (each
 * streamed, holding one 4 MiB block)
 * @param engine what runs the drift scan: this process, or a Spark cluster
 * @param spark the Spark cluster, when {@code engine} is {@code spark}
 * @param warmUp whether the in-process scan runs once over generated lines before the
 * service reports ready, so that its first run runs compiled code
 */
@Validated
@ConfigurationProperties("data-lake")
public record DataLakeProperties(String connectionString, @DefaultValue("ml-data") @NotBlank @Pattern(
		regexp = CONTAINER_NAME,
		message = "must be an Azure container name: 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit") String container,
		@DefaultValue("/ml_inference_logs") @NotNull @Pattern(regexp = PREFIX,
				message = "must be a folder path such as /ml_inference_logs: no empty, '.' or '..' segments, no backslashes") String mlInferenceLogsPrefix,
		String localPath, @Min(1) @Max(256) Integer scanThreads,
		@DefaultValue("" + DEFAULT_MAX_CONCURRENT_DOWNLOADS) @Min(1) @Max(64) int maxConcurrentDownloads,
		@DefaultValue("in-process") @NotNull Engine engine,
		@DefaultValue @Valid @NotNull @NestedConfigurationProperty SparkEngineProperties spark,
		@DefaultValue("true") boolean warmUp) {

	/** What runs the drift scan. */
	public enum Engine {

		/** ml-service reads the lake itself, on {@code scan_threads} threads. */
		IN_PROCESS,

		/**
		 * A Spark standalone cluster runs the scan as a job; ml-service judges its
		 * result.
		 */
		SPARK

	}

	static final int DEFAULT_MAX_CONCURRENT_DOWNLOADS = 8;

	static final String CONTAINER_NAME = "^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$";

	static final String PREFIX = "^/?((?!\\.{1,2}(/|$))[^/\\\\]+(/(?!\\.{1,2}(/|$))[^/\\\\]+)*)?/?$";

	/** Properties of a lake scanned in-process, the Spark settings at their defaults. */
	static DataLakeProperties inProcess(String connectionString, String container, String prefix, String localPath,
			Integer scanThreads, int maxConcurrentDownloads) {
		return new DataLakeProperties(connectionString, container, prefix, localPath, scanThreads,
				maxConcurrentDownloads, Engine.IN_PROCESS, SparkEngineProperties.defaults(), true);
	}

	/** {@link #scanThreads()}, or the number of processors when it is unset. */
	public int effectiveScanThreads() {
		return (this.scanThreads != null) ? this.scanThreads : Runtime.getRuntime().availableProcessors();
	}

	boolean hasConnectionString() {
		return StringUtils.hasText(this.connectionString);
	}

	boolean hasLocalPath() {
		return StringUtils.hasText(this.localPath);
	}

	/** The prefix without leading or trailing slash, e.g. {@code ml_inference_logs}. */
	String normalizedPrefix() {
		String prefix = this.mlInferenceLogsPrefix.strip();
		int start = prefix.startsWith("/") ? 1 : 0;
		int end = (prefix.length() > start && prefix.endsWith("/")) ? prefix.length() - 1 : prefix.length();
		return prefix.substring(start, end);
	}

	@Override
	public String toString() {
		// The connection string holds the account key: never in logs.
		return "DataLakeProperties[connectionString=" + (hasConnectionString() ? "(set)" : "(empty)") + ", container="
				+ this.container + ", mlInferenceLogsPrefix=" + this.mlInferenceLogsPrefix + ", localPath="
				+ this.localPath + ", scanThreads=" + this.scanThreads + ", maxConcurrentDownloads="
				+ this.maxConcurrentDownloads + ", engine=" + this.engine + "]";
	}

}
