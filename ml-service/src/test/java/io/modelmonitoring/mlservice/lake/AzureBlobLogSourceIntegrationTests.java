package io.modelmonitoring.mlservice.lake;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.modelmonitoring.scan.lake.InferenceLogSource;
import io.modelmonitoring.scan.lake.LakeFixture;
import io.modelmonitoring.scan.lake.LakeUnavailableException;
import io.modelmonitoring.scan.lake.LocalDirectoryLogSource;
import io.modelmonitoring.scan.lake.LogScanResult;
import io.modelmonitoring.scan.lake.ParquetFixture;
import io.modelmonitoring.scan.model.DoubleSamples;
import io.modelmonitoring.scan.model.ModelKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The Azure source against a real blob endpoint: Azurite on 127.0.0.1 (port 10000, or
 * {@code AZURITE_BLOB_PORT}). Each test writes into a container of its own and deletes it
 * afterwards.
 */
class AzureBlobLogSourceIntegrationTests {

	static final String ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

	static final int PORT = Integer.parseInt(System.getenv().getOrDefault("AZURITE_BLOB_PORT", "10000"));

	static final String CONNECTION_STRING = connectionString(PORT, ACCOUNT_KEY);

	BlobContainerClient container;

	@TempDir
	Path localLake;

	@BeforeAll
	static void azuriteIsRunning() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", PORT), 2000);
		}
		catch (IOException ex) {
			throw new IllegalStateException("These tests need Azurite's blob endpoint on 127.0.0.1:" + PORT
					+ ". Run every test with scripts/test.sh, which installs and starts it, or start it with "
					+ "'source scripts/infra.sh && ensure_azurite', or "
					+ "'.tools/azurite-3.35.0/node_modules/.bin/azurite-blob --blobHost 127.0.0.1 --blobPort " + PORT
					+ " --inMemoryPersistence --skipApiVersionCheck --loose --silent &' "
					+ "(set AZURITE_BLOB_PORT for another port).", ex);
		}
	}

	@BeforeEach
	void createContainer() {
		BlobServiceClient service = new BlobServiceClientBuilder().connectionString(CONNECTION_STRING).buildClient();
		this.container = service.createBlobContainer("lake-test-" + UUID.randomUUID());
	}

	@AfterEach
	void deleteContainer() {
		if (this.container != null) {
			this.container.deleteIfExists();
		}
	}

	@Test
	void readsTheSameSamplesAndCountsAsTheLocalSourceFromTheSameFiles() {
		upload(LakeFixture.files());
		LakeFixture.writeTo(this.localLake);

		LogScanResult azure = source(this.container.getBlobContainerName()).scan(LakeFixture.T1_AND_T2);
		LogScanResult local = new LocalDirectoryLogSource(this.localLake, LakeFixture.PREFIX, 2)
			.scan(LakeFixture.T1_AND_T2);

		LakeFixture.assertT1AndT2(azure);
		LakeFixture.assertT1AndT2(local);
	}

	@Test
	void filtersTenantsAsTheLocalSourceDoes() {
		upload(LakeFixture.files());

		LogScanResult result = source(this.container.getBlobContainerName()).scan(LakeFixture.T1);

		assertThat(result.samples()).containsOnlyKeys(new ModelKey("t1", "m1"), new ModelKey("t1", "m2"));
		assertThat(result.invalidRecords()).isEqualTo(4);
	}

	@Test
	void readsBlobsLargerThanOneDownloadChunk() {
		// 5 MB of log, past the 4 MB the blob input stream fetches at a time.
		StringBuilder text = new StringBuilder();
		DoubleSamples written = new DoubleSamples();
		String padding = "p".repeat(400);
		while (text.length() < 5 * 1024 * 1024) {
			double value = (written.size() % 1000) / 1000.0;
			text.append("{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": ")
				.append(value)
				.append(", \"timestamp\": \"2026-11-20T10:00:00Z\", \"pad\": \"")
				.append(padding)
				.append("\"}\n");
			written.add(value);
		}
		upload(Map.of("year=2026/month=11/day=20/big.jsonl", text.toString().getBytes()));

		LogScanResult result = source(this.container.getBlobContainerName()).scan(LakeFixture.ALL_TENANTS);

		assertThat(result.samples().get(new ModelKey("t1", "m1")).current().toArray())
			.containsExactly(written.toArray());
		assertThat(result.filesRead()).isEqualTo(1);
	}

	@Test
	void readsParquetBlobsInRangesAndManyBlobsAtOnceAsTheLocalSourceReadsThemOneByOne() throws IOException {
		Map<String, byte[]> files = new java.util.LinkedHashMap<>(LakeFixture.files());
		// Parquet files of several row groups, so that reading seeks back and forth.
		for (String day : new String[] { "year=2026/month=10/day=01", "year=2026/month=11/day=20" }) {
			java.util.List<java.util.function.Consumer<org.apache.parquet.example.data.Group>> rows = new java.util.ArrayList<>();
			for (int i = 0; i < 20_000; i++) {
				String date = day.replace("year=", "").replace("/month=", "-").replace("/day=", "-");
				rows.add(ParquetFixture.row("t" + (i % 3), "m" + (i % 2), (i % 997) / 997.0,
						date + "T" + String.format("%02d", i % 24) + ":00:00Z"));
			}
			Path file = this.localLake.resolve("tmp-" + day.hashCode() + ".parquet");
			ParquetFixture.write(file, ParquetFixture.STRING_TIMESTAMPS,
					org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY, rows);
			files.put(day + "/part-9.parquet", java.nio.file.Files.readAllBytes(file));
			java.nio.file.Files.delete(file);
		}
		upload(files);
		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			Path path = this.localLake.resolve(LakeFixture.PREFIX).resolve(file.getKey());
			java.nio.file.Files.createDirectories(path.getParent());
			java.nio.file.Files.write(path, file.getValue());
		}

		LogScanResult azure = LakeConfiguration
			.create(DataLakeProperties.inProcess(CONNECTION_STRING, this.container.getBlobContainerName(),
					"/" + LakeFixture.PREFIX, null, null, 3))
			.scan(LakeFixture.ALL_TENANTS);
		LogScanResult local = new LocalDirectoryLogSource(this.localLake, LakeFixture.PREFIX, 1)
			.scan(LakeFixture.ALL_TENANTS);

		assertThat(azure.filesRead()).isEqualTo(local.filesRead()).isEqualTo(LakeFixture.FILES_READ + 2);
		assertThat(azure.unreadableFiles()).isEqualTo(local.unreadableFiles());
		assertThat(azure.invalidRecords()).isEqualTo(local.invalidRecords());
		assertThat(azure.samples().keySet()).isEqualTo(local.samples().keySet());
		local.samples().forEach((key, samples) -> {
			assertThat(azure.samples().get(key).baseline().toArray()).containsExactly(samples.baseline().toArray());
			assertThat(azure.samples().get(key).current().toArray()).containsExactly(samples.current().toArray());
		});
		assertThat(local.samples().get(new ModelKey("t2", "m1")).current().size()).isGreaterThan(3000);
	}

	@Test
	void aMissingContainerMakesTheLakeUnavailable() {
		String missing = "missing-" + UUID.randomUUID();

		assertThatExceptionOfType(LakeUnavailableException.class)
			.isThrownBy(() -> source(missing).scan(LakeFixture.ALL_TENANTS))
			.withMessageContaining(missing)
			.withMessageContaining("does not exist");
	}

	@Test
	void aWrongAccountKeyMakesTheLakeUnavailable() {
		String wrongKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";
		InferenceLogSource source = LakeConfiguration
			.create(DataLakeProperties.inProcess(connectionString(PORT, wrongKey),
					this.container.getBlobContainerName(), "/" + LakeFixture.PREFIX, null, null, 8));

		assertThatExceptionOfType(LakeUnavailableException.class).isThrownBy(() -> source.scan(LakeFixture.ALL_TENANTS))
			.withMessageContaining("denied")
			.withMessageNotContaining(wrongKey);
	}

	@Test
	void aDeadEndpointFailsWithinSecondsNotMinutes() throws IOException {
		int deadPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			deadPort = socket.getLocalPort();
		}
		InferenceLogSource source = LakeConfiguration.create(DataLakeProperties
			.inProcess(connectionString(deadPort, ACCOUNT_KEY), "ml-data", "/" + LakeFixture.PREFIX, null, null, 8));

		assertTimeoutPreemptively(Duration.ofSeconds(30),
				() -> assertThatExceptionOfType(LakeUnavailableException.class)
					.isThrownBy(() -> source.scan(LakeFixture.ALL_TENANTS))
					.withMessageContaining("cannot list"));
	}

	/** The source as start-up builds it, with its retries and timeouts. */
	InferenceLogSource source(String containerName) {
		return LakeConfiguration.create(DataLakeProperties.inProcess(CONNECTION_STRING, containerName,
				"/" + LakeFixture.PREFIX + "/", null, null, 8));
	}

	void upload(Map<String, byte[]> files) {
		files.forEach((path, content) -> this.container.getBlobClient(LakeFixture.PREFIX + "/" + path)
			.upload(BinaryData.fromBytes(content)));
	}

	static String connectionString(int port, String accountKey) {
		return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + accountKey
				+ ";BlobEndpoint=http://127.0.0.1:" + port + "/devstoreaccount1;";
	}

}
