package io.modelmonitoring.mlservice.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The servers the integration tests talk to: MongoDB's wire protocol from
 * mongo-java-server, in-process, and the local RabbitMQ, which must already run.
 */
public final class TestServers {

	private static MongoServer mongo;

	private TestServers() {
	}

	/** A MongoDB URI served in-process; one server for the whole test JVM. */
	public static synchronized String mongoUri(String database) {
		if (mongo == null) {
			mongo = new MongoServer(new MemoryBackend());
			mongo.bind("127.0.0.1", 0);
		}
		InetSocketAddress address = mongo.getLocalAddress();
		return "mongodb://127.0.0.1:" + address.getPort() + "/" + database + "?serverSelectionTimeoutMS=2000";
	}

	/** Fails, saying how to start it, when no RabbitMQ listens on 127.0.0.1:5672. */
	public static String rabbitAddresses() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 5672), 2000);
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"These tests need RabbitMQ on 127.0.0.1:5672 (guest/guest). Start it with "
							+ "'rabbitmq-server -detached', or run every test with scripts/test.sh, which starts it.",
					ex);
		}
		return "amqp://guest:guest@127.0.0.1:5672";
	}

	/**
	 * An exchange name no other test run uses, so runs never see each other's messages.
	 */
	public static String uniqueName(String prefix) {
		return prefix + "." + UUID.randomUUID();
	}

}
