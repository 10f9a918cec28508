package io.modelmonitoring.mlservice.lake;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * The Spark cluster of {@code data_lake.engine: spark} ({@code data_lake.spark.*}). The
 * defaults fit the local cluster of {@code scripts/spark-local.sh}: with the engine and
 * the master set, nothing else is needed.
 *
 * @param master the standalone master, e.g. {@code spark://127.0.0.1:7077}
 * @param restUrl the master's REST submission server; blank: the master's host, port 6066
 * @param jobJar the job jar as a URI the workers read; blank: the jar built into this
 * service, copied to {@code workDir}
 * @param workDir a directory ml-service and the cluster's drivers both reach (the same
 * machine, or a shared mount): each scan's request and result file
 * @param logsUri the inference logs as the cluster reads them (the folder holding
 * {@code year=YYYY/…}); blank: the local lake's folder as a {@code file:} URI
 * @param timeout the most one scan may take, submission to result; the driver is killed
 * past it
 * @param pollInterval how often the driver's state is read
 * @param maxTasks past this many files, a task reads several consecutive ones
 * @param properties more Spark properties for the job (executor memory and cores,
 * {@code spark.hadoop.*} credentials)
 */
public record SparkEngineProperties(
		@DefaultValue("spark://127.0.0.1:7077") @NotBlank @Pattern(regexp = "^spark://[^/\\s]+:\\d{1,5}$",
				message = "must be a standalone master URL such as spark://127.0.0.1:7077") String master,
		@Pattern(regexp = "^(https?://[^/\\s]+)?/?$",
				message = "must be an http(s) URL of the master's REST server, e.g. http://127.0.0.1:6066") String restUrl,
		String jobJar, String workDir, String logsUri, @DefaultValue("30m") @NotNull Duration timeout,
		@DefaultValue("1s") @NotNull Duration pollInterval, @DefaultValue("2048") @Min(1) @Max(100_000) int maxTasks,
		@DefaultValue Map<String, String> properties) {

	/** The REST server's port a standalone master opens by default. */
	static final int DEFAULT_REST_PORT = 6066;

	public SparkEngineProperties {
		properties = (properties != null) ? Map.copyOf(properties) : Map.of();
	}

	/** The settings a bare {@code data_lake.engine: spark} gets. */
	static SparkEngineProperties defaults() {
		return new SparkEngineProperties("spark://127.0.0.1:7077", null, null, null, null, Duration.ofMinutes(30),
				Duration.ofSeconds(1), 2048, Map.of());
	}

	/** {@link #restUrl}, or the master's host on port 6066. */
	String effectiveRestUrl() {
		if (StringUtils.hasText(this.restUrl)) {
			return this.restUrl.strip();
		}
		String hostAndPort = this.master.substring("spark://".length());
		return "http://" + hostAndPort.substring(0, hostAndPort.lastIndexOf(':')) + ":" + DEFAULT_REST_PORT;
	}

}
