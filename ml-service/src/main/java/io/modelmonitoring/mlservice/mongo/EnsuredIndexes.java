package io.modelmonitoring.mlservice.mongo;

import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;

/**
 * Indexes a collection's queries need to be fast (none of them keeps its data right),
 * created by the first use in the process rather than by every use: two round trips for a
 * no-op on every run add up. They are created again after anything that may have lost
 * them: a failed call on the collection ({@link #forget}), or the driver losing MongoDB
 * ({@link ConnectionLosses}). So a database recreated empty (MongoDB restarted or
 * replaced) still gets them back without a restart of the service, and the service still
 * starts while MongoDB is away: nothing is created before the first use. A database
 * dropped in place while the service keeps its connections gets them back at the next
 * failure or restart; its queries scan the collection until then.
 */
public final class EnsuredIndexes {

	private static final long NOT_ENSURED = -1;

	private final MongoTemplate mongo;

	private final String collection;

	private final List<Index> indexes;

	private final ConnectionLosses losses;

	/** The connection losses counted when the indexes were last created. */
	private volatile long ensuredAt = NOT_ENSURED;

	public EnsuredIndexes(MongoTemplate mongo, String collection, ConnectionLosses losses, Index... indexes) {
		this.mongo = mongo;
		this.collection = collection;
		this.losses = losses;
		this.indexes = List.of(indexes);
	}

	/**
	 * Creates the indexes (a no-op where they exist) unless this process did since the
	 * last failure and connection loss.
	 */
	public void ensure() {
		long losses = this.losses.count();
		if (this.ensuredAt == losses) {
			return;
		}
		IndexOperations operations = this.mongo.indexOps(this.collection);
		this.indexes.forEach(operations::createIndex);
		this.ensuredAt = losses;
	}

	/** After a failed call on the collection: the next use creates the indexes again. */
	public void forget() {
		this.ensuredAt = NOT_ENSURED;
	}

}
