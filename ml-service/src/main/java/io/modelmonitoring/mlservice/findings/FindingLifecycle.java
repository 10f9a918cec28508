package io.modelmonitoring.mlservice.findings;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.modelmonitoring.contracts.Lifecycle;
import io.modelmonitoring.mlservice.mongo.MongoCalls;
import org.bson.Document;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.util.Pair;
import org.springframework.stereotype.Component;

/**
 * The lifecycle of every finding, {@code ml_findings}: one document per
 * {@link FindingKey}, opened at the first detection, ongoing while later runs keep
 * detecting it, resolved when a run checks the key and it no longer fires. Runs of one
 * tenant never overlap (its leases), so each key has one writer at a time; a run done
 * again under its id (a take-over) finds its own marks and changes nothing twice.
 */
@Component
public class FindingLifecycle {

	public static final String COLLECTION = "ml_findings";

	/** Keys are read and written in batches of this many. */
	private static final int BATCH = 1000;

	private final MongoTemplate mongo;

	FindingLifecycle(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Moves every checked key on by this run.
	 * @param checked every key the run checked, with whether it fires
	 * @return the lifecycle of each firing key, and the alerts this run resolved
	 */
	public Transitions apply(String runId, Instant asOf, Map<FindingKey, Boolean> checked) {
		Map<String, Document> existing = load(checked.keySet());
		Map<FindingKey, Lifecycle> firing = new LinkedHashMap<>();
		List<Resolution> resolved = new ArrayList<>();
		List<Pair<Query, Update>> writes = new ArrayList<>();
		checked.forEach((key, fires) -> {
			Document known = existing.get(key.id());
			boolean open = known != null && known.getBoolean("open", false);
			if (fires) {
				if (open && runId.equals(known.getString("lastRunId"))) {
					firing.put(key, lifecycle(known, runId));
				}
				else if (open) {
					int runs = known.getInteger("consecutiveRuns", 1) + 1;
					writes.add(Pair.of(byId(key),
							new Update().set("consecutiveRuns", runs)
								.set("lastDetectedAt", Date.from(asOf))
								.set("lastRunId", runId)));
					firing.put(key, new Lifecycle(known.getString("alertId"), Lifecycle.ONGOING,
							known.getDate("firstDetectedAt").toInstant(), runs));
				}
				else {
					String alertId = UUID
						.nameUUIDFromBytes((key.id() + "\u0000" + runId).getBytes(StandardCharsets.UTF_8))
						.toString();
					writes.add(Pair.of(byId(key), opened(key, alertId, runId, asOf)));
					firing.put(key, new Lifecycle(alertId, Lifecycle.NEW, asOf, 1));
				}
			}
			else if (open) {
				writes.add(Pair.of(byId(key),
						new Update().set("open", false)
							.set("resolvedAt", Date.from(asOf))
							.set("resolvedByRunId", runId)));
				resolved.add(resolution(key, known, asOf));
			}
			else if (known != null && runId.equals(known.getString("resolvedByRunId"))) {
				resolved.add(resolution(key, known, known.getDate("resolvedAt").toInstant()));
			}
		});
		write(writes);
		return new Transitions(firing, resolved);
	}

	private Map<String, Document> load(Iterable<FindingKey> keys) {
		Map<String, Document> found = new HashMap<>();
		List<String> batch = new ArrayList<>(BATCH);
		for (FindingKey key : keys) {
			batch.add(key.id());
			if (batch.size() == BATCH) {
				loadBatch(batch, found);
				batch = new ArrayList<>(BATCH);
			}
		}
		if (!batch.isEmpty()) {
			loadBatch(batch, found);
		}
		return found;
	}

	private void loadBatch(List<String> ids, Map<String, Document> found) {
		MongoCalls.call(() -> this.mongo.find(new Query(Criteria.where("_id").in(ids)), Document.class, COLLECTION))
			.forEach((document) -> found.put(document.getString("_id"), document));
	}

	private void write(List<Pair<Query, Update>> writes) {
		for (int from = 0; from < writes.size(); from += BATCH) {
			List<Pair<Query, Update>> batch = writes.subList(from, Math.min(writes.size(), from + BATCH));
			MongoCalls.call(() -> this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION)
				.upsert(new ArrayList<>(batch))
				.execute());
		}
	}

	private static Update opened(FindingKey key, String alertId, String runId, Instant asOf) {
		return new Update().set("tenantId", key.tenantId())
			.set("modelId", key.modelId())
			.set("metric", key.metric())
			.set("segment", key.segment())
			.set("feature", key.feature())
			.set("alertId", alertId)
			.set("open", true)
			.set("firstDetectedAt", Date.from(asOf))
			.set("lastDetectedAt", Date.from(asOf))
			.set("consecutiveRuns", 1)
			.set("openedByRunId", runId)
			.set("lastRunId", runId)
			.unset("resolvedAt")
			.unset("resolvedByRunId");
	}

	/** The lifecycle a run reported for a key it already moved on. */
	private static Lifecycle lifecycle(Document known, String runId) {
		return new Lifecycle(known.getString("alertId"),
				runId.equals(known.getString("openedByRunId")) ? Lifecycle.NEW : Lifecycle.ONGOING,
				known.getDate("firstDetectedAt").toInstant(), known.getInteger("consecutiveRuns", 1));
	}

	private static Resolution resolution(FindingKey key, Document known, Instant resolvedAt) {
		return new Resolution(key, known.getString("alertId"), known.getDate("firstDetectedAt").toInstant(), resolvedAt,
				known.getInteger("consecutiveRuns", 1));
	}

	private static Query byId(FindingKey key) {
		return new Query(Criteria.where("_id").is(key.id()));
	}

	/**
	 * @param firing the lifecycle of each key that fires in this run
	 * @param resolved the alerts this run ended
	 */
	public record Transitions(Map<FindingKey, Lifecycle> firing, List<Resolution> resolved) {

		public static final Transitions NONE = new Transitions(Map.of(), List.of());

	}

	/** An alert a run ended, with how long it had lasted. */
	public record Resolution(FindingKey key, String alertId, Instant firstDetectedAt, Instant resolvedAt,
			int consecutiveRuns) {
	}

}
