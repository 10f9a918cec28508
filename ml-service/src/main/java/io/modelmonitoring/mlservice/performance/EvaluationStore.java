package io.modelmonitoring.mlservice.performance;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Reads {@code ml_evaluations}. Documents are read raw, not mapped, so that one malformed
 * document is an invalid evaluation rather than a failed run. Tenant ids only enter
 * queries as values.
 */
@Component
public class EvaluationStore {

	static final String COLLECTION = "ml_evaluations";

	private final MongoTemplate mongo;

	EvaluationStore(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** A tenant's newest evaluations, newest first. */
	public List<Document> newest(String tenantId, int limit) {
		Query query = new Query(Criteria.where("tenantId").is(tenantId)).with(Sort.by(Sort.Direction.DESC, "createdAt"))
			.limit(limit);
		return this.mongo.find(query, Document.class, COLLECTION);
	}

	/**
	 * Every tenant that has evaluations (tenant ids that are not strings are passed
	 * over).
	 */
	public List<String> tenantIds() {
		List<String> tenantIds = new ArrayList<>();
		for (BsonValue value : this.mongo.getCollection(COLLECTION).distinct("tenantId", BsonValue.class)) {
			if (value instanceof BsonString text && !text.getValue().isBlank()) {
				tenantIds.add(text.getValue());
			}
		}
		return tenantIds;
	}

}
