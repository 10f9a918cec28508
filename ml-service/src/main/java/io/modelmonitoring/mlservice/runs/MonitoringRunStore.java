package io.modelmonitoring.mlservice.runs;

import io.modelmonitoring.mlservice.mongo.MongoCalls;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.bson.Document;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The run history, {@code ml_monitoring_runs}: one document per run, written when it
 * starts and again when it ends. Tenant ids only ever enter queries as values. A run
 * started with an idempotency key keeps it ({@code idempotencyKey}, unique), with the
 * fingerprint of its request; a run in progress holds a lease ({@code leaseUntil}) that
 * its instance renews.
 */
@Component
public class MonitoringRunStore {

	public static final String COLLECTION = "ml_monitoring_runs";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final MongoTemplate mongo;

	private final ModelResultStore results;

	private final JsonMapper json;

	/**
	 * Reads stored answers: a run kept by an older version lacks the fields added since,
	 * which then read as false, zero or null instead of failing the read.
	 */
	private final JsonMapper stored;

	private final RunProperties properties;

	private final Clock clock;

	MonitoringRunStore(MongoTemplate mongo, ModelResultStore results, JsonMapper json, RunProperties properties,
			Clock clock) {
		this.mongo = mongo;
		this.results = results;
		this.json = json;
		this.stored = json.rebuild().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The unique index the idempotency of keyed runs rests on, ensured before every keyed
	 * run (a no-op once it exists) rather than once: a database recreated empty gets it
	 * back at the next run, not at the next restart. Sparse: runs without a key do not
	 * collide on a missing one.
	 */
	private void ensureKeyIndex() {
		mongoCall(() -> this.mongo.indexOps(COLLECTION)
			.createIndex(new Index().on("idempotencyKey", Sort.Direction.ASC).unique().sparse()));
	}

	void started(String runId, Instant asOf, List<String> tenantIds, Instant startedAt) {
		mongoCall(() -> this.mongo.insert(running(runId, asOf, tenantIds, startedAt), COLLECTION));
	}

	/**
	 * Records a run started with an idempotency key, atomically: of two requests with the
	 * same key only one inserts.
	 * @return false when a run with this key exists already
	 */
	boolean startedWithKey(String runId, Instant asOf, List<String> tenantIds, Instant startedAt, String key,
			String fingerprint) {
		ensureKeyIndex();
		Document run = running(runId, asOf, tenantIds, startedAt).append("idempotencyKey", key)
			.append("fingerprint", fingerprint);
		try {
			mongoCall(() -> this.mongo.insert(run, COLLECTION));
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** Forgets a run that never started: it was refused before its first step. */
	void withdraw(String runId) {
		mongoCall(() -> this.mongo
			.remove(byId(runId).addCriteria(Criteria.where("status").is(RunStatus.RUNNING.label())), COLLECTION));
	}

	Optional<KeyedRun> findByKey(String key) {
		Document run = mongoCall(() -> this.mongo.findOne(new Query(Criteria.where("idempotencyKey").is(key)),
				Document.class, COLLECTION));
		if (run == null) {
			return Optional.empty();
		}
		Document result = run.get("result", Document.class);
		return Optional.of(new KeyedRun(run.getString("_id"),
				RunStatus.valueOf(run.getString("status").toUpperCase(java.util.Locale.ROOT)),
				run.getString("fingerprint"), instant(run.getDate("asOf")), instant(run.getDate("leaseUntil")),
				withResults(result)));
	}

	/**
	 * Starts a failed run, or a run whose instance stopped renewing it, again under the
	 * same id.
	 * @return false when it is no longer failed or stale: another request took it over
	 */
	boolean takeOver(String runId, Instant now) {
		Query query = new Query(Criteria.where("_id")
			.is(runId)
			.orOperator(Criteria.where("status").is(RunStatus.FAILED.label()),
					Criteria.where("status").is(RunStatus.RUNNING.label()).and("leaseUntil").lte(Date.from(now))));
		Update update = new Update().set("status", RunStatus.RUNNING.label())
			.set("startedAt", Date.from(now))
			.set("leaseUntil", leaseUntil(now))
			.unset("finishedAt")
			.unset("error")
			.inc("attempts", 1);
		return mongoCall(() -> this.mongo.updateFirst(query, update, COLLECTION)).getMatchedCount() == 1;
	}

	/** Extends the lease of runs still in progress. */
	void renew(List<String> runIds) {
		mongoCall(() -> this.mongo.updateMulti(
				new Query(Criteria.where("_id").in(runIds).and("status").is(RunStatus.RUNNING.label())),
				new Update().set("leaseUntil", leaseUntil(this.clock.instant())), COLLECTION));
	}

	private Document running(String runId, Instant asOf, List<String> tenantIds, Instant startedAt) {
		return new Document("_id", runId).append("status", RunStatus.RUNNING.label())
			.append("asOf", Date.from(asOf))
			.append("tenantIds", tenantIds)
			.append("startedAt", Date.from(startedAt))
			.append("leaseUntil", leaseUntil(startedAt))
			.append("attempts", 1);
	}

	private Date leaseUntil(Instant now) {
		return Date.from(now.plus(this.properties.leaseDuration()));
	}

	/**
	 * Keeps the model results first, then marks the run completed: a completed run always
	 * has its results.
	 */
	void completed(MonitoringRunResponse response, List<String> resolvedTenantIds, Instant finishedAt) {
		this.results.write(response.runId(), response.asOf(), finishedAt, response.dryRun(), response.results());
		Update update = new Update().set("status", RunStatus.COMPLETED.label())
			.set("finishedAt", Date.from(finishedAt))
			.set("resolvedTenantIds", resolvedTenantIds)
			.set("result", new Document(this.json.convertValue(response.withResults(null), MAP)))
			.unset("error");
		mongoCall(() -> this.mongo.updateFirst(byId(response.runId()), update, COLLECTION));
	}

	void failed(String runId, String error, Instant finishedAt) {
		Update update = new Update().set("status", RunStatus.FAILED.label())
			.set("finishedAt", Date.from(finishedAt))
			.set("error", error);
		mongoCall(() -> this.mongo.updateFirst(byId(runId), update, COLLECTION));
	}

	/**
	 * Whether a completed run other than this one, not a dry run, covered any of these
	 * tenants as of a later time: then this run fills in the past and must not move the
	 * tenants' alerts.
	 */
	public boolean isBackfill(String runId, Instant asOf, List<String> tenantIds) {
		if (tenantIds.isEmpty()) {
			return false;
		}
		Query query = new Query(Criteria.where("status")
			.is(RunStatus.COMPLETED.label())
			.and("_id")
			.ne(runId)
			.and("result.dryRun")
			.ne(true)
			.and("resolvedTenantIds")
			.in(tenantIds)
			.and("asOf")
			.gt(Date.from(asOf)));
		return mongoCall(() -> this.mongo.exists(query, COLLECTION));
	}

	/** A run, with its model results once it completed. */
	public Optional<MonitoringRun> find(String runId) {
		return Optional.ofNullable(mongoCall(() -> this.mongo.findOne(byId(runId), Document.class, COLLECTION)))
			.map((document) -> toRun(document, withResults(document.get("result", Document.class))));
	}

	/**
	 * The newest runs first; with a tenant, only runs that asked for it or checked it.
	 * Their answers come without model results, which {@link #find} and the model history
	 * give: a list of runs over thousands of models would otherwise be unbounded.
	 */
	public List<MonitoringRun> list(String tenantId, int limit) {
		Query query = new Query().with(Sort.by(Sort.Direction.DESC, "startedAt")).limit(limit);
		if (tenantId != null) {
			query.addCriteria(new Criteria().orOperator(Criteria.where("tenantIds").is(tenantId),
					Criteria.where("resolvedTenantIds").is(tenantId)));
		}
		return mongoCall(() -> this.mongo.find(query, Document.class, COLLECTION)).stream()
			.map((document) -> toRun(document, summary(document.get("result", Document.class))))
			.toList();
	}

	private MonitoringRun toRun(Document document, MonitoringRunResponse result) {
		return new MonitoringRun(document.getString("_id"), document.getString("status"),
				instant(document.getDate("asOf")), document.getList("tenantIds", String.class, List.of()),
				instant(document.getDate("startedAt")), instant(document.getDate("finishedAt")),
				document.getString("error"), result);
	}

	private MonitoringRunResponse summary(Document result) {
		return (result != null) ? this.stored.convertValue(result, MonitoringRunResponse.class) : null;
	}

	private MonitoringRunResponse withResults(Document result) {
		MonitoringRunResponse summary = summary(result);
		return (summary != null) ? summary.withResults(this.results.ofRun(summary.runId())) : null;
	}

	/** What a repeated request needs to know of the run of its key. */
	record KeyedRun(String runId, RunStatus status, String fingerprint, Instant asOf, Instant leaseUntil,
			MonitoringRunResponse result) {

		boolean stale(Instant now) {
			return this.status == RunStatus.RUNNING && this.leaseUntil != null && !this.leaseUntil.isAfter(now);
		}

	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

	private static Query byId(String runId) {
		return new Query(Criteria.where("_id").is(runId));
	}

	private static <T> T mongoCall(Supplier<T> call) {
		return MongoCalls.call(call);
	}

	private static void mongoCall(Runnable call) {
		MongoCalls.call(() -> {
			call.run();
			return null;
		});
	}

}
