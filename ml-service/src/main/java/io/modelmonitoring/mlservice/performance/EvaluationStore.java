package io.modelmonitoring.mlservice.performance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads {@code ml_evaluations}. Documents are read raw, not mapped, so that one malformed
 * document is an invalid evaluation rather than a failed run. Tenant ids only enter
 * queries as values.
 * <p>
 * A run as of {@code asOf} reads the evaluations created strictly before it, and those
 * whose {@code createdAt} is not a date: these cannot be placed in time, so they are read
 * to be counted as invalid (see {@link Evaluation}), whatever the asOf. The same rule
 * decides which tenants have evaluations and which evaluations a tenant has.
 */
@Component
public class EvaluationStore {

	static final String COLLECTION = "ml_evaluations";

	private static final String CREATED_AT = "createdAt";

	private final MongoTemplate mongo;

	EvaluationStore(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * A tenant's newest evaluations as of {@code asOf}, newest first; those without a
	 * date come after every dated one.
	 */
	public List<Evaluation> newest(String tenantId, Instant asOf, int limit) {
		Bson query = Filters.and(Filters.eq("tenantId", tenantId), readAsOf(asOf));
		List<Evaluation> evaluations = new ArrayList<>();
		for (Document document : this.mongo.getCollection(COLLECTION)
			.find(query)
			.sort(Sorts.descending(CREATED_AT))
			.limit(limit)) {
			evaluations.add(EvaluationDocuments.read(document));
		}
		return evaluations;
	}

	/**
	 * Every tenant that has evaluations as of {@code asOf} (tenant ids that are not
	 * strings are passed over).
	 */
	public List<String> tenantIds(Instant asOf) {
		List<String> tenantIds = new ArrayList<>();
		for (BsonValue value : this.mongo.getCollection(COLLECTION)
			.distinct("tenantId", readAsOf(asOf), BsonValue.class)) {
			if (value instanceof BsonString text && !text.getValue().isBlank()) {
				tenantIds.add(text.getValue());
			}
		}
		return tenantIds;
	}

	/** Created before asOf, or with no date to tell. */
	private static Bson readAsOf(Instant asOf) {
		return Filters.or(Filters.lt(CREATED_AT, Date.from(asOf)),
				Filters.not(Filters.type(CREATED_AT, BsonType.DATE_TIME)));
	}

}
