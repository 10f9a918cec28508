package io.modelmonitoring.eventconsumers.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import io.modelmonitoring.eventconsumers.audit.AuditTrail.Outcome;
import io.modelmonitoring.eventconsumers.support.Azurite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The Azure trail against a real blob endpoint, Azurite, as start-up builds it: each test
 * writes into a container of its own, which the trail creates, and deletes it afterwards.
 */
class AzureBlobAuditTrailIntegrationTests {

	final String containerName = "audit-trail-test-" + UUID.randomUUID();

	@AfterEach
	void deleteContainer() {
		Azurite.service().getBlobContainerClient(this.containerName).deleteIfExists();
	}

	@Test
	void theFirstWriteCreatesTheContainerAndTheBlobAndTheSecondFindsIt() {
		AuditTrail trail = trail(Azurite.connectionString());
		AuditRecord record = record("e-1", LocalDate.of(2026, 11, 22), List.of(), "{\"n\":1}\n");

		assertThat(trail.append(record)).isEqualTo(Outcome.WRITTEN);
		assertThat(trail.append(record("e-1", LocalDate.of(2026, 11, 22), List.of(), "{\"n\":2}\n")))
			.isEqualTo(Outcome.DUPLICATE);

		BlobContainerClient container = container();
		assertThat(container.listBlobs().stream().map(BlobItem::getName))
			.containsExactly("ml_audit_log/year=2026/month=11/day=22/e-1.jsonl");
		var blob = container.getBlobClient("ml_audit_log/year=2026/month=11/day=22/e-1.jsonl");
		assertThat(blob.downloadContent().toString()).isEqualTo("{\"n\":1}\n");
		assertThat(blob.getProperties().getContentType()).isEqualTo(AzureBlobAuditTrail.CONTENT_TYPE);
	}

	@Test
	void writesAtTheSameInstantCreateOneBlob() throws Exception {
		AuditTrail trail = trail(Azurite.connectionString());
		container().create();
		AuditRecord record = record("e-2", LocalDate.of(2026, 11, 22), List.of(), "{\"n\":1}\n");
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Callable<Outcome>> writes = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				writes.add(() -> trail.append(record));
			}
			List<Outcome> outcomes = new ArrayList<>();
			for (Future<Outcome> outcome : pool.invokeAll(writes)) {
				outcomes.add(outcome.get());
			}
			assertThat(outcomes).filteredOn(Outcome.WRITTEN::equals).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(container().listBlobs().stream().count()).isEqualTo(1);
	}

	@Test
	void aLineFoundUnderTheDayBeforeCountsAsWritten() {
		AuditTrail trail = trail(Azurite.connectionString());
		trail.append(record("e-3", LocalDate.of(2026, 11, 22), List.of(), "{\"n\":1}\n"));

		assertThat(trail
			.append(record("e-3", LocalDate.of(2026, 11, 23), List.of(LocalDate.of(2026, 11, 22)), "{\"n\":1}\n")))
			.isEqualTo(Outcome.DUPLICATE);
		assertThat(container().listBlobs().stream().count()).isEqualTo(1);
	}

	@Test
	void aDeadEndpointFailsWithinSecondsSoTheConsumerCanTryAgain() {
		AuditTrail trail = trail(Azurite.connectionString(io.modelmonitoring.testsupport.TestServers.closedPort()));

		assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> trail.append(record("e-4", LocalDate.of(2026, 11, 22), List.of(), "{\"n\":1}\n"))));
	}

	@Test
	void aMalformedConnectionStringFailsStartUpWithoutShowingIt() {
		AuditLogProperties properties = new AuditLogProperties("AccountKey=secret-key;nonsense", "ml-audit",
				"/ml_audit_log", null, "q", "q.errors", null);

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> AuditConfiguration.create(properties))
			.withMessageContaining("audit_log.connection_string is not a usable Azure Storage connection string")
			.withMessageNotContaining("secret-key");
	}

	AuditTrail trail(String connectionString) {
		return AuditConfiguration.create(new AuditLogProperties(connectionString, this.containerName, "/ml_audit_log/",
				null, "q", "q.errors", null));
	}

	BlobContainerClient container() {
		return Azurite.service().getBlobContainerClient(this.containerName);
	}

	static AuditRecord record(String id, LocalDate day, List<LocalDate> earlierDays, String line) {
		return new AuditRecord(id, AuditLayout.name(id), day, earlierDays, line.getBytes(StandardCharsets.UTF_8));
	}

}
