package io.modelmonitoring.localstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * A MongoDB wire-protocol server in this process (mongo-java-server, in memory), on a TCP
 * port that mongosh and the services can open.
 */
public final class EmbeddedMongo implements AutoCloseable {

	private final MongoServer server = new MongoServer(new HelloAnsweringBackend());

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

	/**
	 * The in-memory backend, answering {@code hello} as MongoDB 5+ does.
	 * mongo-java-server knows only the legacy {@code isMaster}, and Spring Boot's MongoDB
	 * health check (which the stack waits on) and current shells send {@code hello}.
	 */
	public static final class HelloAnsweringBackend extends MemoryBackend {

		@Override
		public Document handleCommand(Channel channel, String database, String command, Document query) {
			if (!"hello".equalsIgnoreCase(command)) {
				return super.handleCommand(channel, database, command, query);
			}
			Document answer = super.handleCommand(channel, database, "isMaster", query);
			answer.put("isWritablePrimary", Boolean.TRUE);
			return answer;
		}

	}

}
