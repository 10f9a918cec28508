package io.modelmonitoring.mlservice.mongo;

import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.MongoClientSettings;
import com.mongodb.event.ConnectionPoolClearedEvent;
import com.mongodb.event.ConnectionPoolListener;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.stereotype.Component;

/**
 * Counts the times the MongoDB driver cleared its connection pool: it does so when it
 * loses the server (restarted, replaced, out of reach), so a count that moved means that
 * what was created in the database before may be gone.
 */
@Component
public class ConnectionLosses implements MongoClientSettingsBuilderCustomizer, ConnectionPoolListener {

	private final AtomicLong count = new AtomicLong();

	@Override
	public void customize(MongoClientSettings.Builder settings) {
		settings.applyToConnectionPoolSettings((pool) -> pool.addConnectionPoolListener(this));
	}

	@Override
	public void connectionPoolCleared(ConnectionPoolClearedEvent event) {
		this.count.incrementAndGet();
	}

	public long count() {
		return this.count.get();
	}

}
