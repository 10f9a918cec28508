package io.modelmonitoring.localstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A MongoDB wire-protocol server in this process (mongo-java-server, in memory), on a TCP
 * port that mongosh and the services can open.
 */
final class EmbeddedMongo implements AutoCloseable {

	private final MongoServer server = new MongoServer(new MemoryBackend());

	private final int port;

	private EmbeddedMongo(int port) {
		this.port = port;
	}

	static EmbeddedMongo start(int port) {
		EmbeddedMongo mongo = new EmbeddedMongo(port);
		mongo.server.bind("127.0.0.1", port);
		return mongo;
	}

	String uri(String database) {
		return "mongodb://127.0.0.1:" + this.port + "/" + database;
	}

	@Override
	public void close() {
		this.server.shutdownNow();
	}

}
