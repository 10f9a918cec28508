package io.modelmonitoring.mlservice.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import io.modelmonitoring.contracts.EventEnvelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Recording a run's events in the outbox, against mongo-java-server: one write for all of
 * them, a run taken over records nothing twice and loses none of its new events, and the
 * indexes are created once, not with every run.
 */
class EventOutboxTests {

	private final OutboxDatabase database = new OutboxDatabase();

	private final EventOutbox outbox = this.database.outbox();

	@AfterEach
	void close() {
		this.database.close();
	}

	@Test
	void aRunsEventsAreRecordedInOneWriteAndComeBackInOrder() {
		this.outbox.record("run-0", events("run-0", 0, "a"));
		this.database.takeCommands();

		List<OutboxEntry> unsent = this.outbox.record("run-1", events("run-1", 1, "a", "b", "c"));

		assertThat(this.database.takeCommands()).containsExactly("insert", "find");
		assertThat(unsent).extracting(OutboxEntry::id).containsExactly("run-1-a", "run-1-b", "run-1-c");
		assertThat(stored("run-1-b").getString("claimedBy")).isEqualTo("run:run-1");
		assertThat(stored("run-1-b").getInteger("seq")).isEqualTo(1);
	}

	@Test
	void aRunTakenOverRecordsNothingTwiceAndKeepsWhatItsFirstAttemptRecorded() {
		this.outbox.record("run-1", events("run-1", 1, "a", "b", "c"));
		this.outbox.sent(List.of("run-1-b"));

		List<OutboxEntry> unsent = this.outbox.record("run-1", events("run-1", 2, "a", "b", "c"));

		assertThat(this.database.mongo().count(new Query(), EventOutbox.COLLECTION)).isEqualTo(3);
		assertThat(unsent).extracting(OutboxEntry::id).containsExactly("run-1-a", "run-1-c");
		assertThat(unsent).extracting(OutboxEntry::json)
			.allSatisfy((json) -> assertThat(json).contains("\"attempt\":1"));
		assertThat(stored("run-1-b").getString("status")).isEqualTo("sent");
	}

	@Test
	void anEventAnEarlierAttemptRecordedKeepsNoNewEventOut() {
		this.outbox.record("run-1", events("run-1", 1, "b"));

		List<OutboxEntry> unsent = this.outbox.record("run-1", events("run-1", 2, "a", "b", "c"));

		// in the order they were recorded: the earlier attempt's first
		assertThat(unsent).extracting(OutboxEntry::id).containsExactly("run-1-b", "run-1-a", "run-1-c");
		assertThat(stored("run-1-a").getString("json")).contains("\"attempt\":2");
		assertThat(stored("run-1-b").getString("json")).contains("\"attempt\":1");
		assertThat(stored("run-1-c").getString("json")).contains("\"attempt\":2");
		assertThat(stored("run-1-c").getInteger("seq")).isEqualTo(2);
	}

	@Test
	void aDuplicateOnAnotherKeyIsNoEarlierAttemptsEntryAndFailsTheRecord() {
		this.outbox.record("run-1", events("run-1", 1, "a"));
		uniqueSeqIndex();

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.outbox.record("run-2", events("run-2", 1, "a")));
		assertThat(stored("run-2-a")).isNull();
	}

	@Test
	void theIndexesAreCreatedByTheFirstRunOnly() {
		this.outbox.record("run-1", events("run-1", 1, "a"));
		List<String> first = this.database.takeCommands();
		this.outbox.record("run-2", events("run-2", 1, "a"));

		assertThat(first).containsExactly("createIndexes", "createIndexes", "insert", "find");
		assertThat(this.database.takeCommands()).containsExactly("insert", "find");
		assertThat(indexes()).contains("status_1_createdAt_1", "runId_1");
	}

	@Test
	void aRecordThatFailedHasTheNextOneCreateTheIndexesAgain() {
		this.outbox.record("run-1", events("run-1", 1, "a"));
		uniqueSeqIndex();
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.outbox.record("run-2", events("run-2", 1, "a")));
		this.database.takeCommands();

		this.outbox.record("run-3", List.of());

		assertThat(this.database.takeCommands()).containsExactly("createIndexes", "createIndexes", "find");
	}

	@Test
	void aDatabaseRecreatedEmptyGetsTheIndexesBackAtTheNextRun() {
		this.outbox.record("run-1", events("run-1", 1, "a"));
		this.database.restartEmpty();
		// Whether the driver saw the old server go or a call on its connections failed,
		// it
		// has lost them; no call on the outbox failed.
		await().atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.until(() -> this.database.mongo().getDb().runCommand(new Document("ping", 1)).get("ok") != null);

		this.outbox.record("run-2", events("run-2", 1, "a"));

		assertThat(indexes()).contains("status_1_createdAt_1", "runId_1");
	}

	private List<String> indexes() {
		return this.database.mongo()
			.indexOps(EventOutbox.COLLECTION)
			.getIndexInfo()
			.stream()
			.map(IndexInfo::getName)
			.toList();
	}

	private Document stored(String id) {
		return this.database.mongo().findById(id, Document.class, EventOutbox.COLLECTION);
	}

	/**
	 * Events of a run, with ids of the run and the given names, marked with the attempt.
	 */
	static List<EventEnvelope<?>> events(String runId, int attempt, String... names) {
		List<EventEnvelope<?>> events = new ArrayList<>();
		for (String name : names) {
			events.add(new EventEnvelope<>(runId + "-" + name, "ml.model.drift.detected", 1,
					Instant.parse("2026-11-22T06:00:00Z"), "tenant-1", "ml-service", runId,
					Map.of("attempt", attempt)));
		}
		return events;
	}

	/**
	 * A unique key no earlier attempt explains: two runs' first events share seq 0, so
	 * recording the second fails.
	 */
	private void uniqueSeqIndex() {
		this.database.mongo()
			.indexOps(EventOutbox.COLLECTION)
			.createIndex(new Index().on("seq", Sort.Direction.ASC).unique());
	}

}
