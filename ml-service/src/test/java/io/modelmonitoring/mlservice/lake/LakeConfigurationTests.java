package io.modelmonitoring.mlservice.lake;

import java.nio.file.Path;

import io.modelmonitoring.scan.lake.InferenceLogSource;
import io.modelmonitoring.scan.lake.LocalDirectoryLogSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which one source start-up makes of {@code data_lake.*}, written as the runbook writes
 * the keys, and how a bad setting fails naming its key.
 */
class LakeConfigurationTests {

	static final String AZURITE = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
			+ "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
			+ "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

	final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Lake.class);

	@TempDir
	Path lake;

	@Test
	void neitherSetMeansNoLakeAndSaysWhichKeysToSet() {
		this.context.withPropertyValues("data_lake.connection_string=", "data_lake.local_path=").run((context) -> {
			InferenceLogSource source = context.getBean(InferenceLogSource.class);
			assertThat(source.isConfigured()).isFalse();
			assertThat(source.unavailableReason()).contains("data_lake.connection_string")
				.contains("data_lake.local_path");
		});
	}

	@Test
	void theDefaultsAreThoseOfTheRunbook() {
		this.context.run((context) -> {
			DataLakeProperties properties = context.getBean(DataLakeProperties.class);
			assertThat(properties.container()).isEqualTo("ml-data");
			assertThat(properties.mlInferenceLogsPrefix()).isEqualTo("/ml_inference_logs");
			assertThat(properties.normalizedPrefix()).isEqualTo("ml_inference_logs");
			assertThat(context.getBean(InferenceLogSource.class).isConfigured()).isFalse();
		});
	}

	@Test
	void aLocalPathMakesTheOneSourceALocalDirectory() {
		this.context
			.withPropertyValues("data_lake.local_path=" + this.lake, "data_lake.ml_inference_logs_prefix=/logs/ml/")
			.run((context) -> {
				assertThat(context).hasSingleBean(InferenceLogSource.class);
				InferenceLogSource source = context.getBean(InferenceLogSource.class);
				assertThat(source).isInstanceOf(LocalDirectoryLogSource.class);
				assertThat(source.isConfigured()).isTrue();
				assertThat(source.unavailableReason()).isNull();
				assertThat(source.describe()).contains(this.lake.toString()).contains("/logs/ml");
			});
	}

	@Test
	void aConnectionStringMakesTheOneSourceAzure() {
		this.context.withPropertyValues("data_lake.connection_string=" + AZURITE, "data_lake.container=logs-1")
			.run((context) -> {
				assertThat(context).hasSingleBean(InferenceLogSource.class);
				InferenceLogSource source = context.getBean(InferenceLogSource.class);
				assertThat(source).isInstanceOf(AzureBlobLogSource.class);
				assertThat(source.describe()).contains("logs-1")
					.contains("/ml_inference_logs")
					.doesNotContain("Eby8vdM02");
			});
	}

	@Test
	void bothSetFailsStartUpNamingBothKeys() {
		this.context.withPropertyValues("data_lake.connection_string=" + AZURITE, "data_lake.local_path=" + this.lake)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("data_lake.connection_string")
				.hasMessageContaining("data_lake.local_path"));
	}

	@Test
	void aLocalPathThatIsNoDirectoryFailsStartUpNamingTheKey() {
		Path missing = this.lake.resolve("missing");
		this.context.withPropertyValues("data_lake.local_path=" + missing)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("data_lake.local_path")
				.hasMessageContaining(missing.toString()));
	}

	@Test
	void aMalformedConnectionStringFailsStartUpNamingTheKeyButNotItsValue() {
		this.context.withPropertyValues("data_lake.connection_string=AccountKey=s3cr3t-key;no-account")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("data_lake.connection_string")
				.hasMessageNotContaining("s3cr3t-key"));
	}

	@Test
	void aContainerNameAzureWouldRejectFailsStartUpNamingTheKey() {
		this.context.withPropertyValues("data_lake.container=ML_Data")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("data_lake.container")
				.hasStackTraceContaining("Azure container name"));
	}

	@Test
	void aPrefixClimbingOutOfTheLakeFailsStartUpNamingTheKey() {
		this.context.withPropertyValues("data_lake.ml_inference_logs_prefix=/../etc")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("data_lake.ml_inference_logs_prefix")
				.hasStackTraceContaining("no empty, '.' or '..' segments"));
	}

	@Test
	void prefixesAreNormalizedWhateverTheirSlashes() {
		assertThat(properties("/ml_inference_logs").normalizedPrefix()).isEqualTo("ml_inference_logs");
		assertThat(properties("ml_inference_logs/").normalizedPrefix()).isEqualTo("ml_inference_logs");
		assertThat(properties("/a/b/").normalizedPrefix()).isEqualTo("a/b");
		assertThat(properties("/").normalizedPrefix()).isEmpty();
		assertThat(properties("").normalizedPrefix()).isEmpty();
	}

	@Test
	void theConnectionStringNeverShowsInToString() {
		assertThat(DataLakeProperties.inProcess(AZURITE, "ml-data", "/x", null, null, 8).toString())
			.doesNotContain("Eby8vdM02");
	}

	static DataLakeProperties properties(String prefix) {
		return DataLakeProperties.inProcess(null, "ml-data", prefix, null, null, 8);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DataLakeProperties.class)
	@Import(LakeConfiguration.class)
	static class Lake {

	}

}
