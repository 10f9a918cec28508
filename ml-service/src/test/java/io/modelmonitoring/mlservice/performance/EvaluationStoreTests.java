package io.modelmonitoring.mlservice.performance;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run as of asOf reads the evaluations created strictly before it (SPEC §6), so that a
 * past week run again sees what that week saw. Against mongo-java-server.
 */
class EvaluationStoreTests {

	private static final Instant AS_OF = Instant.parse("2026-11-22T06:00:00Z");

	private final MongoServer server = new MongoServer(new MemoryBackend());

	private final MongoClient client = MongoClients
		.create("mongodb://127.0.0.1:" + bind(this.server) + "/?serverSelectionTimeoutMS=2000");

	private final MongoTemplate mongo = new MongoTemplate(this.client, "evaluations");

	private final EvaluationStore store = new EvaluationStore(this.mongo);

	@BeforeEach
	void seed() {
		this.mongo.insert(
				List.of(dated("t1-old", "t1", AS_OF.minus(Duration.ofDays(10))),
						dated("t1-before", "t1", AS_OF.minusMillis(1)), dated("t1-at", "t1", AS_OF),
						dated("t1-after", "t1", AS_OF.plusMillis(1)),
						dated("t1-next-week", "t1", AS_OF.plus(Duration.ofDays(7))),
						new Document("_id", "t1-no-date").append("tenantId", "t1").append("modelId", "m"),
						new Document("_id", "t1-text-date").append("tenantId", "t1")
							.append("modelId", "m")
							.append("createdAt", "2026-11-20T06:00:00Z"),
						dated("t2-before", "t2", AS_OF.minus(Duration.ofDays(1))), dated("t3-at", "t3", AS_OF),
						dated("t3-after", "t3", AS_OF.plus(Duration.ofDays(1))),
						new Document("_id", "t4-no-date").append("tenantId", "t4").append("modelId", "m")),
				EvaluationStore.COLLECTION);
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.shutdownNow();
	}

	@Test
	void readsOnlyTheEvaluationsCreatedStrictlyBeforeAsOfNewestFirst() {
		assertThat(ids(this.store.newest("t1", AS_OF, 100))).startsWith("t1-before", "t1-old")
			.doesNotContain("t1-at", "t1-after", "t1-next-week");
	}

	@Test
	void evaluationsWithoutADateAreReadAfterEveryDatedOneToBeCountedInvalid() {
		List<String> ids = ids(this.store.newest("t1", AS_OF, 100));

		assertThat(ids).hasSize(4);
		assertThat(ids.subList(2, 4)).containsExactlyInAnyOrder("t1-no-date", "t1-text-date");
	}

	@Test
	void theLimitKeepsTheNewestBeforeAsOf() {
		assertThat(ids(this.store.newest("t1", AS_OF, 1))).containsExactly("t1-before");
	}

	@Test
	void aLaterAsOfReadsWhatWasCreatedSince() {
		assertThat(ids(this.store.newest("t1", AS_OF.plusMillis(2), 3))).containsExactly("t1-after", "t1-at",
				"t1-before");
		assertThat(ids(this.store.newest("t3", AS_OF.plus(Duration.ofDays(2)), 100))).containsExactly("t3-after",
				"t3-at");
	}

	@Test
	void aTenantWhoseEvaluationsAreAllAtOrAfterAsOfHasNoneAndIsNotSeen() {
		assertThat(this.store.newest("t3", AS_OF, 100)).isEmpty();
		assertThat(this.store.tenantIds(AS_OF)).containsExactlyInAnyOrder("t1", "t2", "t4");
		assertThat(this.store.tenantIds(AS_OF.plusMillis(1))).containsExactlyInAnyOrder("t1", "t2", "t3", "t4");
	}

	private static Document dated(String id, String tenantId, Instant createdAt) {
		return new Document("_id", id).append("tenantId", tenantId)
			.append("modelId", "m")
			.append("createdAt", Date.from(createdAt))
			.append("brier", 0.1);
	}

	private static List<String> ids(List<Evaluation> evaluations) {
		return evaluations.stream().map(Evaluation::id).toList();
	}

	private static int bind(MongoServer server) {
		server.bind("127.0.0.1", 0);
		return server.getLocalAddress().getPort();
	}

}
