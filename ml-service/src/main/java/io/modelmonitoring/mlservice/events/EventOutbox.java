package io.modelmonitoring.mlservice.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.mongodb.ErrorCategory;
import com.mongodb.bulk.BulkWriteError;
import io.modelmonitoring.contracts.EventEnvelope;
import io.modelmonitoring.mlservice.mongo.ConnectionLosses;
import io.modelmonitoring.mlservice.mongo.EnsuredIndexes;
import org.bson.Document;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The event outbox, {@code ml_event_outbox}: a run's events are written here before they
 * are published, one document per event ({@code _id} = the event id), so an event the
 * broker did not confirm is not lost but published again by the {@link OutboxRelay}.
 * Whoever publishes an event first claims it for a while, so a run and the relay (of this
 * or another instance) never publish the same event at the same time. A run's events are
 * recorded, claimed and marked sent in one write each, not one per event.
 */
@Component
public class EventOutbox {

	static final String COLLECTION = "ml_event_outbox";

	static final String PENDING = "pending";

	static final String SENT = "sent";

	private final MongoTemplate mongo;

	private final JsonMapper json;

	private final OutboxProperties properties;

	private final Clock clock;

	/**
	 * The relay's and the runs' indexes, created by the first run's events and again
	 * after a failure or a lost connection rather than with every run (see
	 * {@link EnsuredIndexes}): a database recreated empty gets them back without a
	 * restart, and the service starts while MongoDB is away.
	 */
	private final EnsuredIndexes indexes;

	EventOutbox(MongoTemplate mongo, JsonMapper json, OutboxProperties properties, ConnectionLosses losses,
			Clock clock) {
		this.mongo = mongo;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
		this.indexes = new EnsuredIndexes(mongo, COLLECTION, losses,
				new Index().on("status", Sort.Direction.ASC).on("createdAt", Sort.Direction.ASC),
				new Index().on("runId", Sort.Direction.ASC));
	}

	/**
	 * Records a run's events, claimed by the run. An event already recorded (a run taken
	 * over after a crash computes the same event ids again) is kept as it was.
	 * @return the run's events that are still to be published, in order
	 */
	public List<OutboxEntry> record(String runId, List<EventEnvelope<?>> events) {
		try {
			this.indexes.ensure();
			insertNew(entries(runId, events));
			Query query = new Query(Criteria.where("runId").is(runId).and("status").is(PENDING))
				.with(Sort.by("createdAt", "seq"));
			return this.mongo.find(query, Document.class, COLLECTION).stream().map(EventOutbox::entry).toList();
		}
		catch (RuntimeException ex) {
			this.indexes.forget();
			throw ex;
		}
	}

	private List<Document> entries(String runId, List<EventEnvelope<?>> events) {
		Instant now = this.clock.instant();
		List<Document> entries = new ArrayList<>(events.size());
		for (int i = 0; i < events.size(); i++) {
			EventEnvelope<?> event = events.get(i);
			entries.add(new Document("_id", event.id()).append("runId", runId)
				.append("type", event.type())
				.append("tenantId", event.tenantId())
				.append("json", this.json.writeValueAsString(event))
				.append("status", PENDING)
				.append("attempts", 0)
				.append("createdAt", Date.from(now))
				.append("seq", i)
				.append("claimedBy", runOwner(runId))
				.append("claimedUntil", Date.from(now.plus(this.properties.claim()))));
		}
		return entries;
	}

	/**
	 * Inserts the entries in one unordered write, so that every entry not recorded yet
	 * goes in whatever becomes of the others. The entries an earlier attempt of the run
	 * recorded are refused as duplicate keys and kept as they were; any other refusal
	 * fails the call.
	 */
	private void insertNew(List<Document> entries) {
		if (entries.isEmpty()) {
			return;
		}
		try {
			this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION).insert(entries).execute();
		}
		catch (BulkOperationException ex) {
			if (!recordedBefore(ex.getErrors(), entries)) {
				throw ex;
			}
		}
	}

	/**
	 * Whether every refused entry was a duplicate key of an entry that is there, under
	 * its id: a duplicate on any other key, or any other error, is not an earlier
	 * attempt's. One query, on a run taken over only.
	 */
	private boolean recordedBefore(List<BulkWriteError> errors, List<Document> entries) {
		Set<Object> ids = new HashSet<>();
		for (BulkWriteError error : errors) {
			if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
				return false;
			}
			ids.add(entries.get(error.getIndex()).get("_id"));
		}
		return this.mongo.count(new Query(Criteria.where("_id").in(ids)), COLLECTION) == ids.size();
	}

	/**
	 * Claims events for a publisher, in one write: each must be pending and unclaimed, or
	 * claimed by the same owner. Each event's claim is one conditional update of its
	 * document, atomic as a findAndModify is, so two publishers never hold the same
	 * event; which ones this owner got takes a second query only when it did not get them
	 * all.
	 * @return the ids claimed
	 */
	Set<String> claim(List<String> ids, String owner) {
		Set<String> wanted = new LinkedHashSet<>(ids);
		if (wanted.isEmpty()) {
			return Set.of();
		}
		Instant now = this.clock.instant();
		Date until = Date.from(now.plus(this.properties.claim()));
		Query claimable = new Query(Criteria.where("_id")
			.in(wanted)
			.and("status")
			.is(PENDING)
			.orOperator(Criteria.where("claimedUntil").lte(Date.from(now)), Criteria.where("claimedBy").is(owner)));
		Update update = new Update().set("claimedBy", owner).set("claimedUntil", until).inc("attempts", 1);
		if (this.mongo.updateMulti(claimable, update, COLLECTION).getMatchedCount() == wanted.size()) {
			return wanted;
		}
		Query held = new Query(Criteria.where("_id")
			.in(wanted)
			.and("status")
			.is(PENDING)
			.and("claimedBy")
			.is(owner)
			.and("claimedUntil")
			.is(until));
		held.fields().include("_id");
		return this.mongo.find(held, Document.class, COLLECTION)
			.stream()
			.map((document) -> document.getString("_id"))
			.collect(Collectors.toSet());
	}

	/** Marks the events the broker confirmed sent, in one write. */
	void sent(List<String> ids) {
		if (ids.isEmpty()) {
			return;
		}
		this.mongo.updateMulti(new Query(Criteria.where("_id").in(ids)),
				new Update().set("status", SENT).set("sentAt", Date.from(this.clock.instant())).unset("lastError"),
				COLLECTION);
	}

	/**
	 * Releases the claims on events tried and not sent, all for the same reason, so the
	 * relay publishes them again on its next pass.
	 */
	void notSent(List<String> ids, String error) {
		if (ids.isEmpty()) {
			return;
		}
		this.mongo.updateMulti(new Query(Criteria.where("_id").in(ids)),
				new Update().set("claimedUntil", Date.from(this.clock.instant())).set("lastError", error), COLLECTION);
	}

	/**
	 * Releases the claims this owner took on events it did not get to publish (an event
	 * before them failed), so that the relay publishes them on its next pass rather than
	 * after the claim has run out. They were not tried: their claim's attempt is taken
	 * back.
	 * @return how many claims were released
	 */
	long release(List<String> ids, String owner, String error) {
		if (ids.isEmpty()) {
			return 0;
		}
		Query query = new Query(Criteria.where("_id").in(ids).and("status").is(PENDING).and("claimedBy").is(owner));
		Update update = new Update().set("claimedUntil", Date.from(this.clock.instant()))
			.set("lastError", error)
			.inc("attempts", -1);
		return this.mongo.updateMulti(query, update, COLLECTION).getModifiedCount();
	}

	/**
	 * The oldest pending events no one is publishing, in the order they were recorded.
	 */
	List<OutboxEntry> due(int limit) {
		Query query = new Query(
				Criteria.where("status").is(PENDING).and("claimedUntil").lte(Date.from(this.clock.instant())))
			.with(Sort.by("createdAt", "seq"))
			.limit(limit);
		return this.mongo.find(query, Document.class, COLLECTION).stream().map(EventOutbox::entry).toList();
	}

	/** How many events are recorded and not yet confirmed by the broker. */
	public long pending() {
		return this.mongo.count(new Query(Criteria.where("status").is(PENDING)), COLLECTION);
	}

	/** How many of a run's events the broker has confirmed. */
	public long sentOf(String runId) {
		return this.mongo.count(new Query(Criteria.where("runId").is(runId).and("status").is(SENT)), COLLECTION);
	}

	static String runOwner(String runId) {
		return "run:" + runId;
	}

	private static OutboxEntry entry(Document document) {
		return new OutboxEntry(document.getString("_id"), document.getString("runId"), document.getString("type"),
				document.getString("json"));
	}

}
