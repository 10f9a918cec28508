package io.modelmonitoring.demodata;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

/**
 * Loads Extended JSON evaluation documents into {@code ml_evaluations} of the URI's
 * database, replacing documents with the same {@code _id}: loading twice leaves one copy.
 * Public for the benchmarks, which load the demo evaluations as the CLI does.
 */
public final class MongoLoader {

	private static final int BATCH = 1_000;

	private MongoLoader() {
	}

	public static int load(String uri, List<String> documents) {
		String database = new ConnectionString(uri).getDatabase();
		try (MongoClient client = MongoClients.create(uri)) {
			var collection = client.getDatabase((database != null) ? database : "model_monitoring")
				.getCollection("ml_evaluations");
			List<WriteModel<Document>> batch = new ArrayList<>();
			for (String json : documents) {
				Document document = Document.parse(json);
				batch.add(new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document,
						new ReplaceOptions().upsert(true)));
				if (batch.size() == BATCH) {
					collection.bulkWrite(batch);
					batch.clear();
				}
			}
			if (!batch.isEmpty()) {
				collection.bulkWrite(batch);
			}
		}
		return documents.size();
	}

}
