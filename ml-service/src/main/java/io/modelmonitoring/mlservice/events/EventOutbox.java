package io.modelmonitoring.mlservice.events;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.modelmonitoring.contracts.EventEnvelope;
import org.bson.Document;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
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
 * or another instance) never publish the same event at the same time.
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

	EventOutbox(MongoTemplate mongo, JsonMapper json, OutboxProperties properties, Clock clock) {
		this.mongo = mongo;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The relay's and the runs' indexes, ensured with every run's events (a no-op once
	 * they exist): a database recreated empty gets them back without a restart, and the
	 * service starts while MongoDB is away.
	 */
	private void ensureIndexes() {
		this.mongo.indexOps(COLLECTION)
			.createIndex(new Index().on("status", Sort.Direction.ASC).on("createdAt", Sort.Direction.ASC));
		this.mongo.indexOps(COLLECTION).createIndex(new Index().on("runId", Sort.Direction.ASC));
	}

	/**
	 * Records a run's events, claimed by the run. An event already recorded (a run taken
	 * over after a crash computes the same event ids again) is kept as it was.
	 * @return the run's events that are still to be published, in order
	 */
	public List<OutboxEntry> record(String runId, List<EventEnvelope<?>> events) {
		ensureIndexes();
		Instant now = this.clock.instant();
		for (int i = 0; i < events.size(); i++) {
			EventEnvelope<?> event = events.get(i);
			Document entry = new Document("_id", event.id()).append("runId", runId)
				.append("type", event.type())
				.append("tenantId", event.tenantId())
				.append("json", this.json.writeValueAsString(event))
				.append("status", PENDING)
				.append("attempts", 0)
				.append("createdAt", Date.from(now))
				.append("seq", i)
				.append("claimedBy", runOwner(runId))
				.append("claimedUntil", Date.from(now.plus(this.properties.claim())));
			try {
				this.mongo.insert(entry, COLLECTION);
			}
			catch (DuplicateKeyException ex) {
				// recorded by an earlier attempt of the same run
			}
		}
		Query query = new Query(Criteria.where("runId").is(runId).and("status").is(PENDING))
			.with(Sort.by("createdAt", "seq"));
		return this.mongo.find(query, Document.class, COLLECTION).stream().map(EventOutbox::entry).toList();
	}

	/**
	 * Claims an event for a publisher: it must be pending and unclaimed, or claimed by
	 * the same owner.
	 */
	boolean claim(String id, String owner) {
		Instant now = this.clock.instant();
		Query query = new Query(Criteria.where("_id")
			.is(id)
			.and("status")
			.is(PENDING)
			.orOperator(Criteria.where("claimedUntil").lte(Date.from(now)), Criteria.where("claimedBy").is(owner)));
		Update update = new Update().set("claimedBy", owner)
			.set("claimedUntil", Date.from(now.plus(this.properties.claim())))
			.inc("attempts", 1);
		return this.mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true), Document.class,
				COLLECTION) != null;
	}

	void sent(String id) {
		this.mongo.updateFirst(new Query(Criteria.where("_id").is(id)),
				new Update().set("status", SENT).set("sentAt", Date.from(this.clock.instant())).unset("lastError"),
				COLLECTION);
	}

	/** Releases the claim so the relay publishes the event again on its next pass. */
	void notSent(String id, String error) {
		this.mongo.updateFirst(new Query(Criteria.where("_id").is(id)),
				new Update().set("claimedUntil", Date.from(this.clock.instant())).set("lastError", error), COLLECTION);
	}

	/**
	 * Releases the claims this owner holds on events it did not get to publish (an event
	 * before them failed), so that the relay publishes them on its next pass rather than
	 * after the claim has run out.
	 * @return how many claims were released
	 */
	long release(List<String> ids, String owner, String error) {
		if (ids.isEmpty()) {
			return 0;
		}
		Query query = new Query(Criteria.where("_id").in(ids).and("status").is(PENDING).and("claimedBy").is(owner));
		Update update = new Update().set("claimedUntil", Date.from(this.clock.instant())).set("lastError", error);
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
