package io.modelmonitoring.mlservice.runs;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.modelmonitoring.mlservice.mongo.ConnectionLosses;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A run whose thread is interrupted (ml-service's shutdown, once its graceful period is
 * over) still records that it failed and gives its tenant leases back, so that another
 * instance takes the tenants and the key at once instead of after the lease. With the
 * thread's interrupt flag set every MongoDB call failed, the cleanup's too. Against
 * mongo-java-server.
 */
class InterruptedRunTests {

	private static final RunProperties PROPERTIES = new RunProperties(Duration.ofMinutes(2), Duration.ofSeconds(5),
			Duration.ZERO);

	private final MongoServer server = new MongoServer(new MemoryBackend());

	private final MongoClient client = MongoClients
		.create("mongodb://127.0.0.1:" + bind(this.server) + "/?serverSelectionTimeoutMS=2000");

	private final MongoTemplate mongo = new MongoTemplate(this.client, "interrupted");

	private final Clock clock = Clock.systemUTC();

	private final TenantLeases leases = new TenantLeases(this.mongo, PROPERTIES, this.clock);

	private final MonitoringRunStore runs = new MonitoringRunStore(this.mongo,
			new ModelResultStore(this.mongo, JsonMapper.builder().build(), new ConnectionLosses()),
			JsonMapper.builder().build(), PROPERTIES, this.clock);

	private final RunAdmission admission = new RunAdmission(this.runs, this.leases,
			new RunHeartbeat(this.leases, this.runs, PROPERTIES), PROPERTIES, this.clock);

	@AfterEach
	void stop() {
		this.client.close();
		this.server.shutdownNow();
	}

	@Test
	void anInterruptedRunIsRecordedFailedAndFreesItsTenants() throws Exception {
		AtomicReference<Thread> runThread = new AtomicReference<>();
		CompletableFuture<Boolean> interruptFlagAfter = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				this.admission.admit(List.of("tenant-a", "tenant-b"), null, RunOptions.DEFAULT, "trigger-1",
						(runId, tenantIds, asOf, startedAt) -> {
							runThread.set(Thread.currentThread());
							// The checks, interrupted in the middle.
							RunAdmission.sleep(Duration.ofSeconds(30));
							return null;
						});
				interruptFlagAfter.completeExceptionally(new AssertionError("the run was not interrupted"));
			}
			catch (RuntimeException ex) {
				interruptFlagAfter.complete(Thread.currentThread().isInterrupted());
			}
		});
		thread.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (runThread.get() == null && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(runThread.get()).as("the run started").isNotNull();
		thread.interrupt();

		assertThat(interruptFlagAfter.get(10, TimeUnit.SECONDS)).as("the interrupt is kept for the caller").isTrue();
		Document run = this.mongo.findOne(new Query(Criteria.where("idempotencyKey").is("trigger-1")), Document.class,
				MonitoringRunStore.COLLECTION);
		assertThat(run.getString("status")).isEqualTo("failed");
		assertThat(this.mongo.count(new Query(), TenantLeases.COLLECTION)).as("leases left").isZero();
		// Another instance takes the tenants at once, not after the 2-minute lease.
		TenantLeases otherInstance = new TenantLeases(this.mongo, PROPERTIES, this.clock);
		assertThatNoException().isThrownBy(() -> otherInstance.acquire("r2", List.of("tenant-a", "tenant-b")));
	}

	private static int bind(MongoServer server) {
		server.bind("127.0.0.1", 0);
		return server.getLocalAddress().getPort();
	}

}
