package io.modelmonitoring.mlservice.lake;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

import com.azure.core.util.HttpClientOptions;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.modelmonitoring.scan.lake.InferenceLogSource;
import io.modelmonitoring.scan.lake.LocalDirectoryLogSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link InferenceLogSource}, chosen by {@code data_lake.*}: Azure when
 * {@code connection_string} is set, a local directory when {@code local_path} is, none
 * when neither is; with {@code engine: spark}, a Spark cluster scans that lake. Both set,
 * a missing directory or a malformed connection string fail start-up naming the key.
 */
@Configuration(proxyBeanMethods = false)
class LakeConfiguration {

	private static final Logger log = LoggerFactory.getLogger(LakeConfiguration.class);

	/** Tries per request, the first included: a dead endpoint fails in seconds. */
	static final int MAX_TRIES = 3;

	static final Duration TRY_TIMEOUT = Duration.ofSeconds(60);

	static final Duration RETRY_DELAY = Duration.ofMillis(500);

	static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(4);

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

	static final Duration LIST_TIMEOUT = Duration.ofMinutes(2);

	@Bean
	InferenceLogSource inferenceLogSource(DataLakeProperties properties) {
		InferenceLogSource source = create(properties);
		log.info("inference logs: {}", source.describe());
		return source;
	}

	static InferenceLogSource create(DataLakeProperties properties) {
		InferenceLogSource lake = lake(properties);
		if (properties.engine() == DataLakeProperties.Engine.SPARK) {
			return SparkEngine.source(properties, lake);
		}
		return lake;
	}

	private static InferenceLogSource lake(DataLakeProperties properties) {
		if (properties.hasConnectionString() && properties.hasLocalPath()) {
			throw new InvalidConfigurationPropertyValueException("data-lake.local-path", properties.localPath(),
					"data_lake.connection_string is set as well; set only one of data_lake.connection_string "
							+ "(DATA_LAKE_CONNECTION_STRING, Azure) and data_lake.local_path "
							+ "(DATA_LAKE_LOCAL_PATH, a local directory)");
		}
		if (properties.hasConnectionString()) {
			return azure(properties);
		}
		if (properties.hasLocalPath()) {
			return local(properties);
		}
		log.warn(UnconfiguredLogSource.REASON + "; drift checks will be skipped");
		return new UnconfiguredLogSource();
	}

	private static InferenceLogSource local(DataLakeProperties properties) {
		Path root;
		try {
			root = Path.of(properties.localPath().strip()).toAbsolutePath().normalize();
		}
		catch (InvalidPathException ex) {
			throw new InvalidConfigurationPropertyValueException("data-lake.local-path", properties.localPath(),
					"data_lake.local_path is not a valid path: " + ex.getMessage());
		}
		if (!Files.isDirectory(root)) {
			throw new InvalidConfigurationPropertyValueException("data-lake.local-path", properties.localPath(),
					"data_lake.local_path must be an existing directory (it plays the container: the logs are "
							+ "under <local_path>" + properties.mlInferenceLogsPrefix()
							+ "/year=YYYY/month=MM/day=DD/), but " + root + " is not one");
		}
		String prefix = properties.normalizedPrefix();
		Path logs = prefix.isEmpty() ? root : root.resolve(prefix);
		if (!Files.isDirectory(logs)) {
			log.warn("data_lake.local_path {} holds no directory {}: no inference logs will be found until it exists",
					root, prefix);
		}
		return new LocalDirectoryLogSource(root, prefix, properties.effectiveScanThreads());
	}

	private static InferenceLogSource azure(DataLakeProperties properties) {
		BlobContainerClient container;
		try {
			container = new BlobServiceClientBuilder().connectionString(properties.connectionString().strip())
				.retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, MAX_TRIES, TRY_TIMEOUT, RETRY_DELAY,
						MAX_RETRY_DELAY, null))
				.clientOptions(new HttpClientOptions().setConnectTimeout(CONNECT_TIMEOUT)
					.setReadTimeout(READ_TIMEOUT)
					.setResponseTimeout(READ_TIMEOUT))
				.buildClient()
				.getBlobContainerClient(properties.container());
		}
		catch (RuntimeException ex) {
			// The value holds the account key: it is never shown. (The SDK's messages,
			// "Invalid connection string." or a bad endpoint URL, do not show it either.)
			throw new InvalidConfigurationPropertyValueException("data-lake.connection-string", "(hidden)",
					"data_lake.connection_string is not a usable Azure Storage connection string (expected "
							+ "'DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net' "
							+ "or one with BlobEndpoint=…): " + ex.getMessage());
		}
		return new AzureBlobLogSource(container, properties.normalizedPrefix(), LIST_TIMEOUT,
				properties.maxConcurrentDownloads());
	}

}
