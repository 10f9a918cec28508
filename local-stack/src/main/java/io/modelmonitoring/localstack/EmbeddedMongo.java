package io.modelmonitoring.localstack;

import java.util.List;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.NoSuchCommandException;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol server in this process (mongo-java-server, in memory), on a TCP
 * port that mongosh and the services can open. It keeps no indexes: mongo-java-server
 * accepts the services' index definitions and ignores them (logback.xml silences the
 * warning it logs for each). Public for the benchmarks, which run ml-service against it.
 */
public final class EmbeddedMongo implements AutoCloseable {

	private final MongoServer server = new MongoServer(new HelloAnsweringBackend());

	private final int port;

	private EmbeddedMongo(int port) {
		this.port = port;
	}

	public static EmbeddedMongo start(int port) {
		EmbeddedMongo mongo = new EmbeddedMongo(port);
		mongo.server.bind("127.0.0.1", port);
		return mongo;
	}

	public String uri(String database) {
		return "mongodb://127.0.0.1:" + this.port + "/" + database;
	}

	@Override
	public void close() {
		this.server.shutdownNow();
	}

	/**
	 * The in-memory backend, answering as a MongoDB 4.4 (wire version 9) does where the
	 * clients need it.
	 * <ul>
	 * <li>{@code hello} is answered as MongoDB 5+ answers it: mongo-java-server knows
	 * only the legacy {@code isMaster}, and Spring Boot's MongoDB health check (which the
	 * stack waits on) and current shells send {@code hello}.</li>
	 * <li>The version is 4.4, wire version 9, the lowest that mongosh 2.x takes
	 * (mongo-java-server says 8 by default). The Java driver (5.x takes 8 to 25) sends
	 * nothing different to 9 unless asked to: a {@code comment} on {@code getMore}, a
	 * {@code commitQuorum} on {@code createIndexes}, a {@code hint} on unacknowledged
	 * writes; the services ask for none of them, and the server ignores fields it does
	 * not know.</li>
	 * <li>A command it does not implement (mongosh sends {@code atlasVersion} and
	 * {@code getParameter} at every connection) is refused as MongoDB refuses one,
	 * {@code ok: 0} with code 59 CommandNotFound, instead of mongo-java-server's stack
	 * trace at ERROR in the stack's console.</li>
	 * </ul>
	 */
	public static final class HelloAnsweringBackend extends MemoryBackend {

		private static final Logger logger = LoggerFactory.getLogger(EmbeddedMongo.class);

		private static final MongoVersion VERSION = new MongoVersion() {

			@Override
			public List<Integer> getVersionArray() {
				return List.of(4, 4, 0);
			}

			@Override
			public int getWireVersion() {
				return 9;
			}

		};

		public HelloAnsweringBackend() {
			version(VERSION);
		}

		@Override
		public Document handleCommand(Channel channel, String database, String command, Document query) {
			try {
				if (!"hello".equalsIgnoreCase(command)) {
					return super.handleCommand(channel, database, command, query);
				}
				Document answer = super.handleCommand(channel, database, "isMaster", query);
				answer.put("isWritablePrimary", Boolean.TRUE);
				return answer;
			}
			catch (NoSuchCommandException ex) {
				logger.debug("refused command {} on {}: not implemented", command, database);
				Document refusal = new Document("ok", 0.0);
				refusal.put("errmsg", "no such command: '" + command + "' (the local stack's embedded MongoDB)");
				refusal.put("code", ex.getCode());
				refusal.put("codeName", ex.getCodeName());
				return refusal;
			}
		}

	}

}
