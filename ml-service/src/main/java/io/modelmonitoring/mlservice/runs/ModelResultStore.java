package io.modelmonitoring.mlservice.runs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.modelmonitoring.mlservice.mongo.ConnectionLosses;
import io.modelmonitoring.mlservice.mongo.EnsuredIndexes;
import io.modelmonitoring.mlservice.mongo.MongoCalls;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.ModelResult;
import org.bson.Document;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The results of completed runs, {@code ml_model_results}: one document per (run, tenant,
 * model), so that a run of any number of models stays under MongoDB's document size and a
 * model's history is one indexed query, {@code (tenantId, modelId, asOf desc)}. The
 * figures a history shows are top-level fields; the whole result, bins included, is kept
 * beside them for the run's answer and its report.
 */
@Component
public class ModelResultStore {

	public static final String COLLECTION = "ml_model_results";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	/** Inserts go out in batches of this many documents. */
	private static final int BATCH = 1000;

	private final MongoTemplate mongo;

	private final JsonMapper json;

	/**
	 * The history's and the run's indexes, created by the first run and again after a
	 * failure or a lost connection rather than with every run (see
	 * {@link EnsuredIndexes}), so a database recreated empty gets them back.
	 */
	private final EnsuredIndexes indexes;

	ModelResultStore(MongoTemplate mongo, JsonMapper json, ConnectionLosses losses) {
		this.mongo = mongo;
		this.json = json;
		this.indexes = new EnsuredIndexes(mongo, COLLECTION, losses,
				new Index().on("tenantId", Sort.Direction.ASC)
					.on("modelId", Sort.Direction.ASC)
					.on("asOf", Sort.Direction.DESC)
					.on("completedAt", Sort.Direction.DESC)
					.named("model_history"),
				new Index().on("runId", Sort.Direction.ASC).named("run"));
	}

	/** Replaces what an earlier attempt of the run wrote. */
	void write(String runId, Instant asOf, Instant completedAt, boolean dryRun, List<ModelResult> results) {
		try {
			MongoCalls.call(() -> {
				writeRun(runId, asOf, completedAt, dryRun, results);
				return null;
			});
		}
		catch (RuntimeException ex) {
			this.indexes.forget();
			throw ex;
		}
	}

	private void writeRun(String runId, Instant asOf, Instant completedAt, boolean dryRun, List<ModelResult> results) {
		this.indexes.ensure();
		this.mongo.remove(new Query(Criteria.where("runId").is(runId)), COLLECTION);
		List<Document> batch = new ArrayList<>(Math.min(BATCH, results.size()));
		for (ModelResult result : results) {
			batch.add(document(runId, asOf, completedAt, result).append("dryRun", dryRun));
			if (batch.size() == BATCH) {
				this.mongo.insert(batch, COLLECTION);
				batch = new ArrayList<>(BATCH);
			}
		}
		if (!batch.isEmpty()) {
			this.mongo.insert(batch, COLLECTION);
		}
	}

	/** A run's results, sorted by tenant, then model. */
	List<ModelResult> ofRun(String runId) {
		Query query = new Query(Criteria.where("runId").is(runId))
			.with(Sort.by(Sort.Direction.ASC, "tenantId", "modelId"));
		query.fields().include("result");
		return MongoCalls.call(() -> this.mongo.find(query, Document.class, COLLECTION))
			.stream()
			.map((document) -> this.json.convertValue(document.get("result", Document.class), ModelResult.class))
			.toList();
	}

	/** One model's whole result in one run. */
	public Optional<ModelResult> result(String runId, String tenantId, String modelId) {
		Query query = new Query(Criteria.where("_id").is(id(runId, tenantId, modelId)));
		query.fields().include("result");
		return Optional.ofNullable(MongoCalls.call(() -> this.mongo.findOne(query, Document.class, COLLECTION)))
			.map((document) -> this.json.convertValue(document.get("result", Document.class), ModelResult.class));
	}

	/**
	 * A model's results in past runs, newest asOf first, without their bins. Dry runs are
	 * left out: they are trials, not the model's record.
	 * @param asOfAtMost null, or the latest asOf to include
	 */
	public List<ModelHistoryEntry> history(String tenantId, String modelId, Instant asOfAtMost, int limit) {
		Criteria criteria = Criteria.where("tenantId").is(tenantId).and("modelId").is(modelId).and("dryRun").ne(true);
		if (asOfAtMost != null) {
			criteria = criteria.and("asOf").lte(Date.from(asOfAtMost));
		}
		Query query = new Query(criteria).with(Sort.by(Sort.Direction.DESC, "asOf", "completedAt")).limit(limit);
		query.fields().exclude("result");
		return MongoCalls.call(() -> this.mongo.find(query, Document.class, COLLECTION))
			.stream()
			.map(ModelResultStore::entry)
			.toList();
	}

	private Document document(String runId, Instant asOf, Instant completedAt, ModelResult result) {
		return new Document("_id", id(runId, result.tenantId(), result.modelId())).append("runId", runId)
			.append("asOf", Date.from(asOf))
			.append("completedAt", Date.from(completedAt))
			.append("tenantId", result.tenantId())
			.append("modelId", result.modelId())
			.append("psi", result.psi())
			.append("pValue", result.pValue())
			.append("noiseFloor", result.noiseFloor())
			.append("drift", result.drift())
			.append("metrics", new Document(new LinkedHashMap<>(result.metrics())))
			.append("degraded", result.degraded())
			.append("baselineCount", result.baselineCount())
			.append("currentCount", result.currentCount())
			.append("result", new Document(this.json.convertValue(result, MAP)));
	}

	private static ModelHistoryEntry entry(Document document) {
		Document metrics = document.get("metrics", Document.class);
		Map<String, Double> values = new LinkedHashMap<>();
		if (metrics != null) {
			metrics.forEach(
					(key, value) -> values.put(key, (value instanceof Number number) ? number.doubleValue() : null));
		}
		return new ModelHistoryEntry(document.getString("runId"), document.getDate("asOf").toInstant(),
				number(document, "psi"), number(document, "pValue"), number(document, "noiseFloor"),
				document.getBoolean("drift", false), values, document.getList("degraded", String.class, List.of()),
				integer(document, "baselineCount"), integer(document, "currentCount"));
	}

	private static Double number(Document document, String field) {
		return (document.get(field) instanceof Number number) ? number.doubleValue() : null;
	}

	private static Integer integer(Document document, String field) {
		return (document.get(field) instanceof Number number) ? number.intValue() : null;
	}

	/** The same (run, tenant, model) always gets the same id. */
	private static String id(String runId, String tenantId, String modelId) {
		return UUID.nameUUIDFromBytes(String.join("\u0000", runId, tenantId, modelId).getBytes(StandardCharsets.UTF_8))
			.toString();
	}

}
