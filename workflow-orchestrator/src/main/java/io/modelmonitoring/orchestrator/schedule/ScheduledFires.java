package io.modelmonitoring.orchestrator.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.modelmonitoring.contracts.JobTrigger;
import io.modelmonitoring.contracts.MessageTypes;
import io.modelmonitoring.orchestrator.trigger.JobTriggerPublisher;
import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The scheduled fires, {@code batch_job_fires}: one document per job and scheduled time
 * ({@code _id} = {@code <job>@<scheduled time>}, so that every replica names a fire alike
 * and MongoDB's unique {@code _id} keeps it once), written before its trigger is
 * published. A fire whose trigger the broker did not take stays {@code pending} and is
 * published later, with the same trigger id, by whichever replica claims it first.
 * <p>
 * Fields: {@code job}, {@code scheduledFor}, {@code deadline} (published until then, else
 * given up), {@code triggerId}, {@code status} ({@code pending} → {@code published} or
 * {@code given_up}), {@code attempts}, {@code lastError}, {@code claimedBy},
 * {@code claimedUntil}, {@code createdAt}, {@code publishedAt}, {@code givenUpAt}.
 */
@Component
class ScheduledFires {

	static final String COLLECTION = "batch_job_fires";

	static final String PENDING = "pending";

	static final String PUBLISHED = "published";

	static final String GIVEN_UP = "given_up";

	private final MongoTemplate mongo;

	private final BatchJobsProperties properties;

	private final Clock clock;

	private final String owner = "orchestrator:" + UUID.randomUUID();

	ScheduledFires(MongoTemplate mongo, BatchJobsProperties properties, Clock clock) {
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Records a fire this replica is about to publish, claimed by it.
	 * @return false when the fire is recorded already: another replica has it
	 * @throws org.springframework.dao.DataAccessException when MongoDB cannot be reached
	 */
	boolean recordClaimed(Fire fire) {
		return insert(fire, claimExpiry());
	}

	/**
	 * Records a fire that could not be recorded when it came, unclaimed, for whichever
	 * replica publishes missed fires first.
	 * @return false when the fire is recorded already (another replica recorded it, or
	 * published it)
	 */
	boolean recordUnclaimed(Fire fire) {
		return insert(fire, this.clock.instant());
	}

	private boolean insert(Fire fire, Instant claimedUntil) {
		Instant now = this.clock.instant();
		Document document = new Document("_id", fire.id()).append("job", fire.job())
			.append("scheduledFor", Date.from(fire.scheduledFor()))
			.append("deadline", Date.from(fire.deadline()))
			.append("triggerId", fire.triggerId())
			.append("status", PENDING)
			.append("attempts", 0)
			.append("createdAt", Date.from(now))
			.append("claimedBy", this.owner)
			.append("claimedUntil", Date.from(claimedUntil));
		try {
			this.mongo.insert(document, COLLECTION);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Claims the oldest pending fire no replica is publishing: this one publishes it, or
	 * gives it up.
	 */
	Optional<Due> claimDue() {
		Instant now = this.clock.instant();
		Query query = new Query(Criteria.where("status").is(PENDING).and("claimedUntil").lte(Date.from(now)))
			.with(Sort.by("scheduledFor"));
		Update update = new Update().set("claimedBy", this.owner)
			.set("claimedUntil", Date.from(claimExpiry()))
			.inc("attempts", 1);
		Document claimed = this.mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true),
				Document.class, COLLECTION);
		return Optional.ofNullable(claimed).map((document) -> new Due(fire(document), document.getString("lastError")));
	}

	void published(Fire fire) {
		this.mongo.updateFirst(byId(fire),
				new Update().set("status", PUBLISHED)
					.set("publishedAt", Date.from(this.clock.instant()))
					.set("claimedUntil", Date.from(this.clock.instant())),
				COLLECTION);
	}

	/** Lets any replica try the fire again at once; it stays pending. */
	void release(Fire fire, String error) {
		this.mongo.updateFirst(byId(fire),
				new Update().set("claimedUntil", Date.from(this.clock.instant())).set("lastError", error), COLLECTION);
	}

	/**
	 * Gives the fire up; its {@code lastError} stays what kept it from being published.
	 */
	void givenUp(Fire fire) {
		this.mongo.updateFirst(byId(fire),
				new Update().set("status", GIVEN_UP).set("givenUpAt", Date.from(this.clock.instant())), COLLECTION);
	}

	/**
	 * A claim lasts {@code batch_jobs.lock.at_most_for}, as the job's lock does: longer
	 * than a publish with all its attempts, and what a replica that dies holding it
	 * blocks the fire for.
	 */
	private Instant claimExpiry() {
		return this.clock.instant().plus(this.properties.lock().atMostFor());
	}

	private static Query byId(Fire fire) {
		return new Query(Criteria.where("_id").is(fire.id()));
	}

	private static Fire fire(Document document) {
		return new Fire(document.getString("job"), document.getDate("scheduledFor").toInstant(),
				document.getDate("deadline").toInstant(), document.getString("triggerId"));
	}

	/**
	 * A pending fire claimed for publishing.
	 *
	 * @param fire the fire
	 * @param lastError why it was not published the last time, if it was tried
	 */
	record Due(Fire fire, String lastError) {
	}

	/**
	 * One fire of a job's schedule.
	 *
	 * @param job the job
	 * @param scheduledFor the time the schedule fired it for, the trigger's
	 * {@code timestamp}
	 * @param deadline until when its trigger may still be published
	 * @param triggerId the trigger's id, the same on every attempt
	 */
	record Fire(String job, Instant scheduledFor, Instant deadline, String triggerId) {

		/**
		 * A new fire, with a new trigger id. It may be published until
		 * {@code batch_jobs.misfire_grace} after its time, and never once the job's next
		 * fire has come: a late run is never published beside the next one.
		 */
		static Fire of(ScheduledJob job, Instant scheduledFor, Duration grace) {
			Instant graceEnd = scheduledFor.plus(grace);
			Instant next = job.schedule().nextFireTime(scheduledFor);
			Instant deadline = (next != null && next.isBefore(graceEnd)) ? next : graceEnd;
			return new Fire(job.name(), scheduledFor, deadline, UUID.randomUUID().toString());
		}

		String id() {
			return this.job + "@" + this.scheduledFor;
		}

		boolean expired(Instant now) {
			return !now.isBefore(this.deadline);
		}

		/** The fire's trigger, the same message on every attempt. */
		JobTrigger trigger() {
			return new JobTrigger(this.triggerId, MessageTypes.JOB_TRIGGER, this.scheduledFor,
					JobTriggerPublisher.SOURCE, this.job, new JobTrigger.Metadata(List.of()),
					BatchJobScheduler.TRIGGERED_BY);
		}

	}

}
