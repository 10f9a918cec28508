package io.modelmonitoring.mlservice.runs;

import io.modelmonitoring.mlservice.mongo.MongoCalls;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TreeSet;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps two runs, of this instance or of any other sharing the database, from working on
 * the same tenant at once, so no (tenant, model) gets two sets of events from overlapping
 * runs. One lease per tenant in {@code ml_tenant_leases} ({@code _id} = the tenant, so
 * MongoDB's unique {@code _id} decides who gets it), and {@code *} for a run over every
 * tenant, which overlaps any run. A lease expires unless its run renews it: a crashed
 * instance blocks its tenants for at most {@code model_monitoring.runs.lease_duration}.
 */
@Component
class TenantLeases {

	static final String COLLECTION = "ml_tenant_leases";

	static final String ALL_TENANTS = "*";

	private final MongoTemplate mongo;

	private final RunProperties properties;

	private final Clock clock;

	TenantLeases(MongoTemplate mongo, RunProperties properties, Clock clock) {
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Takes the leases of these tenants (empty: every tenant) for the run.
	 * @throws RunConflictException when another live run holds one of them
	 */
	void acquire(String runId, List<String> tenantIds) {
		MongoCalls.call(() -> {
			take(runId, tenantIds);
			return null;
		});
	}

	private void take(String runId, List<String> tenantIds) {
		List<String> keys = tenantIds.isEmpty() ? List.of(ALL_TENANTS) : List.copyOf(new TreeSet<>(tenantIds));
		List<String> taken = new ArrayList<>();
		try {
			for (String key : keys) {
				String holder = take(key, runId);
				if (holder != null) {
					throw new RunConflictException(holder, tenantIds);
				}
				taken.add(key);
			}
			// Both kinds of run take their leases first and look for the other kind
			// after,
			// so of two overlapping runs at least one sees the other.
			String other = tenantIds.isEmpty() ? liveHolder(Criteria.where("_id").ne(ALL_TENANTS), runId)
					: liveHolder(Criteria.where("_id").is(ALL_TENANTS), runId);
			if (other != null) {
				throw new RunConflictException(other, tenantIds);
			}
		}
		catch (RuntimeException ex) {
			release(runId);
			throw ex;
		}
	}

	/** Extends the leases of the given runs. */
	void renew(List<String> runIds) {
		if (!runIds.isEmpty()) {
			this.mongo.updateMulti(new Query(Criteria.where("runId").in(runIds)),
					new Update().set("expiresAt", expiry(this.clock.instant())), COLLECTION);
		}
	}

	void release(String runId) {
		this.mongo.remove(new Query(Criteria.where("runId").is(runId)), COLLECTION);
	}

	/** Null when the run now holds the lease, else the run that does. */
	private String take(String key, String runId) {
		Instant now = this.clock.instant();
		try {
			this.mongo.insert(new Document("_id", key).append("runId", runId).append("expiresAt", expiry(now)),
					COLLECTION);
			return null;
		}
		catch (DuplicateKeyException ex) {
			// held, or expired, or ours from an earlier attempt of the same run
		}
		Query takeable = new Query(Criteria.where("_id")
			.is(key)
			.orOperator(Criteria.where("expiresAt").lte(Date.from(now)), Criteria.where("runId").is(runId)));
		Update update = new Update().set("runId", runId).set("expiresAt", expiry(now));
		if (this.mongo.updateFirst(takeable, update, COLLECTION).getMatchedCount() == 1) {
			return null;
		}
		Document holder = this.mongo.findById(key, Document.class, COLLECTION);
		return (holder != null) ? holder.getString("runId") : take(key, runId);
	}

	private String liveHolder(Criteria which, String runId) {
		Query query = new Query(which).addCriteria(Criteria.where("runId").ne(runId))
			.addCriteria(Criteria.where("expiresAt").gt(Date.from(this.clock.instant())));
		Document holder = this.mongo.findOne(query, Document.class, COLLECTION);
		return (holder != null) ? holder.getString("runId") : null;
	}

	private Date expiry(Instant now) {
		return Date.from(now.plus(this.properties.leaseDuration()));
	}

}
