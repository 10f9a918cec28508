package io.modelmonitoring.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The servers the services' integration tests talk to: MongoDB's wire protocol from
 * mongo-java-server, in-process, and the local RabbitMQ, which must already run. A test
 * that cannot find RabbitMQ fails saying how to start it. Each test run uses exchange and
 * queue names of its own ({@link #uniqueName}), never {@code coder_events} or
 * {@code bi_batch_jobs}, so runs sharing the broker never see each other's messages.
 */
public final class TestServers {

	public static final String RABBIT_HOST = "127.0.0.1";

	public static final int RABBIT_PORT = 5672;

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

	/**
	 * {@code amqp://guest:guest@127.0.0.1:5672}, or a failure saying how to start
	 * RabbitMQ when nothing listens there.
	 */
	public static String rabbitAddresses() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(RABBIT_HOST, RABBIT_PORT), 2000);
		}
		catch (IOException ex) {
			throw new IllegalStateException("These tests need RabbitMQ on " + RABBIT_HOST + ":" + RABBIT_PORT
					+ " (guest/guest). Start it with 'rabbitmq-server -detached', or run every test with "
					+ "scripts/test.sh, which starts it.", ex);
		}
		return "amqp://guest:guest@" + RABBIT_HOST + ":" + RABBIT_PORT;
	}

	/** A name no other test run uses, so runs never see each other's messages. */
	public static String uniqueName(String prefix) {
		return prefix + "." + UUID.randomUUID();
	}

	/** A local TCP port nothing listens on (it was free a moment ago). */
	public static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A connection to the local RabbitMQ of the test's own, to publish and read messages
	 * beside the application and to delete what the test declared.
	 */
	public static final class Rabbit implements AutoCloseable {

		private final CachingConnectionFactory connectionFactory;

		private final RabbitTemplate template;

		private final RabbitAdmin admin;

		public Rabbit() {
			rabbitAddresses();
			this.connectionFactory = new CachingConnectionFactory(RABBIT_HOST, RABBIT_PORT);
			this.connectionFactory.setUsername("guest");
			this.connectionFactory.setPassword("guest");
			this.template = new RabbitTemplate(this.connectionFactory);
			this.admin = new RabbitAdmin(this.connectionFactory);
		}

		public RabbitAdmin admin() {
			return this.admin;
		}

		public RabbitTemplate template() {
			return this.template;
		}

		/**
		 * The next message on the queue, or null when none came within the timeout; a
		 * zero timeout takes only what is already there.
		 */
		public Message receive(String queue, Duration timeout) {
			return timeout.isZero() ? this.template.receive(queue) : this.template.receive(queue, timeout.toMillis());
		}

		/** Deletes the test's queue and exchange (quietly: they may not exist). */
		public void delete(String queue, String exchange) {
			this.admin.deleteQueue(queue);
			this.admin.deleteExchange(exchange);
		}

		@Override
		public void close() {
			this.connectionFactory.destroy();
		}

	}

}
