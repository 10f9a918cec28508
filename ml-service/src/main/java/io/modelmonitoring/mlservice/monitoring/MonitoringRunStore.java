package io.modelmonitoring.mlservice.monitoring;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.bson.Document;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The run history, {@code ml_monitoring_runs}: one document per run, written when it
 * starts and again when it ends. Tenant ids only ever enter queries as values.
 */
@Component
class MonitoringRunStore {

	static final String COLLECTION = "ml_monitoring_runs";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final MongoTemplate mongo;

	private final JsonMapper json;

	MonitoringRunStore(MongoTemplate mongo, JsonMapper json) {
		this.mongo = mongo;
		this.json = json;
	}

	void started(String runId, Instant asOf, List<String> tenantIds, Instant startedAt) {
		Document run = new Document("_id", runId).append("status", RunStatus.RUNNING.label())
			.append("asOf", Date.from(asOf))
			.append("tenantIds", tenantIds)
			.append("startedAt", Date.from(startedAt));
		mongoCall(() -> this.mongo.insert(run, COLLECTION));
	}

	void completed(MonitoringRunResponse response, List<String> resolvedTenantIds, Instant finishedAt) {
		Update update = new Update().set("status", RunStatus.COMPLETED.label())
			.set("finishedAt", Date.from(finishedAt))
			.set("resolvedTenantIds", resolvedTenantIds)
			.set("result", new Document(this.json.convertValue(response, MAP)));
		mongoCall(() -> this.mongo.updateFirst(byId(response.runId()), update, COLLECTION));
	}

	void failed(String runId, String error, Instant finishedAt) {
		Update update = new Update().set("status", RunStatus.FAILED.label())
			.set("finishedAt", Date.from(finishedAt))
			.set("error", error);
		mongoCall(() -> this.mongo.updateFirst(byId(runId), update, COLLECTION));
	}

	Optional<MonitoringRun> find(String runId) {
		return Optional.ofNullable(mongoCall(() -> this.mongo.findOne(byId(runId), Document.class, COLLECTION)))
			.map(this::toRun);
	}

	/**
	 * The newest runs first; with a tenant, only runs that asked for it or checked it.
	 */
	List<MonitoringRun> list(String tenantId, int limit) {
		Query query = new Query().with(Sort.by(Sort.Direction.DESC, "startedAt")).limit(limit);
		if (tenantId != null) {
			query.addCriteria(new Criteria().orOperator(Criteria.where("tenantIds").is(tenantId),
					Criteria.where("resolvedTenantIds").is(tenantId)));
		}
		return mongoCall(() -> this.mongo.find(query, Document.class, COLLECTION)).stream().map(this::toRun).toList();
	}

	private MonitoringRun toRun(Document document) {
		Document result = document.get("result", Document.class);
		return new MonitoringRun(document.getString("_id"), document.getString("status"),
				instant(document.getDate("asOf")), document.getList("tenantIds", String.class, List.of()),
				instant(document.getDate("startedAt")), instant(document.getDate("finishedAt")),
				document.getString("error"),
				(result != null) ? this.json.convertValue(result, MonitoringRunResponse.class) : null);
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
