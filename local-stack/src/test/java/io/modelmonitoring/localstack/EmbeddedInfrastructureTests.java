package io.modelmonitoring.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The embedded broker and MongoDB speak their protocols to the clients the services use.
 */
class EmbeddedInfrastructureTests {

	@Test
	void theEmbeddedBrokerRoutesAPersistentMessageThroughATopicExchange() throws Exception {
		int port = freePort();
		try (EmbeddedBroker broker = EmbeddedBroker.start(port)) {
			ConnectionFactory factory = new ConnectionFactory();
			factory.setUri(broker.url());
			try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
				channel.exchangeDeclare("coder_events", "topic", true);
				channel.queueDeclare("bi_batch_jobs", true, false, false, null);
				channel.queueBind("bi_batch_jobs", "coder_events", "workflow.job.trigger");
				channel.confirmSelect();
				channel.basicPublish("coder_events", "workflow.job.trigger", MessageProperties.PERSISTENT_TEXT_PLAIN,
						"{\"job\": \"model-monitoring\"}".getBytes(StandardCharsets.UTF_8));
				assertThat(channel.waitForConfirms(5000)).isTrue();
				GetResponse message = channel.basicGet("bi_batch_jobs", true);
				assertThat(new String(message.getBody(), StandardCharsets.UTF_8))
					.isEqualTo("{\"job\": \"model-monitoring\"}");
			}
		}
	}

	@Test
	void aCancelledTapEndsTheDemosWaitAtOnceWithTheReason() throws Exception {
		try (EmbeddedBroker broker = EmbeddedBroker.start(freePort());
				EventTap tap = EventTap.open(broker.url(), JsonMapper.shared())) {
			long started = System.nanoTime();
			CompletableFuture.runAsync(() -> tap.cancel("ml-service stopped unexpectedly (exit code 137, signal 9)"),
					CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
			assertThatIllegalStateException().isThrownBy(() -> tap.await((event) -> true, Duration.ofMinutes(5)))
				.withMessage("ml-service stopped unexpectedly (exit code 137, signal 9)");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
			assertThat(tap.passedOver()).isEmpty();
		}
	}

	@Test
	void theEmbeddedMongoDbTakesTheDriversConnections() {
		int port = freePort();
		try (EmbeddedMongo mongo = EmbeddedMongo.start(port);
				MongoClient client = MongoClients.create(mongo.uri(LocalStack.DATABASE))) {
			var collection = client.getDatabase(LocalStack.DATABASE).getCollection("ml_evaluations");
			collection.insertOne(new Document("tenantId", "t").append("brier", 0.1));
			assertThat(collection.countDocuments()).isEqualTo(1);
		}
	}

	@Test
	void theEmbeddedMongoDbAnswersHelloAsTheHealthCheckSendsIt() {
		int port = freePort();
		try (EmbeddedMongo mongo = EmbeddedMongo.start(port);
				MongoClient client = MongoClients.create(mongo.uri(LocalStack.DATABASE))) {
			Document answer = client.getDatabase(LocalStack.DATABASE).runCommand(new Document("hello", 1));
			assertThat(answer.get("ok", Number.class).doubleValue()).isEqualTo(1.0);
			assertThat(answer.getBoolean("isWritablePrimary")).isTrue();
			// 9 (MongoDB 4.4): the lowest mongosh 2.x takes; the Java driver 5.x takes 8
			// to 25, and it is this client's connection that asked.
			assertThat(answer.getInteger("maxWireVersion")).isEqualTo(9);
			assertThat(answer.getInteger("minWireVersion")).isZero();
			Document legacy = client.getDatabase("admin").runCommand(new Document("isMaster", 1));
			assertThat(legacy.getInteger("maxWireVersion")).isEqualTo(9);
			Document buildInfo = client.getDatabase("admin").runCommand(new Document("buildInfo", 1));
			assertThat(buildInfo.getString("version")).isEqualTo("4.4.0");
		}
	}

	@Test
	void theCommandsAShellSendsAtConnectingAreRefusedAsMongoDbRefusesThemWithNothingLogged() {
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.addAppender(logged);
		int port = freePort();
		try (EmbeddedMongo mongo = EmbeddedMongo.start(port);
				MongoClient client = MongoClients.create(mongo.uri(LocalStack.DATABASE))) {
			MongoDatabase admin = client.getDatabase("admin");
			// What mongosh 2.12 sends at every connection, beside commands the server
			// knows.
			for (Document command : List.of(new Document("atlasVersion", 1),
					new Document("getParameter", 1).append("featureCompatibilityVersion", 1),
					new Document("aggregate", 1).append("pipeline", List.of()).append("cursor", new Document()))) {
				assertThatExceptionOfType(MongoCommandException.class).isThrownBy(() -> admin.runCommand(command))
					.satisfies((refused) -> {
						assertThat(refused.getErrorCode()).isEqualTo(59);
						assertThat(refused.getErrorCodeName()).isEqualTo("CommandNotFound");
					});
			}
			// The services ensure their indexes at every start: kept by no one, and
			// quietly.
			client.getDatabase(LocalStack.DATABASE)
				.getCollection("ml_monitoring_runs")
				.createIndex(Indexes.ascending("idempotencyKey"), new IndexOptions().unique(true));
			client.getDatabase(LocalStack.DATABASE)
				.getCollection("ml_evaluations")
				.createIndex(Indexes.ascending("tenantId", "modelId", "createdAt"));
		}
		finally {
			root.detachAppender(logged);
		}
		assertThat(logged.list).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
			.extracting(ILoggingEvent::getFormattedMessage)
			.isEmpty();
	}

	@Test
	void theEmbeddedBrokerStopsQuietlyWhenTheJvmIsToldToStop(@TempDir Path dir) throws Exception {
		// Ctrl-C or SIGTERM: the stack's shutdown hook stops the services first, then the
		// broker. Until then the broker must serve (the services still use it), and stop
		// without an ERROR.
		Path output = dir.resolve("broker.log");
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), BrokerInAJvm.class.getName(), String.valueOf(freePort()))
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(output).contains("READY"));
			child.destroy();
			assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(Files.readString(output)).contains("CONNECTED WHILE STOPPING", "STOPPED")
				.doesNotContain("ERROR")
				.doesNotContain("Exception");
		}
		finally {
			child.destroyForcibly();
		}
	}

	/**
	 * The embedded broker in a JVM of its own, stopped as the stack stops it: a shutdown
	 * hook that first does what the services do while they stop (connect, here), then
	 * closes the broker.
	 */
	static final class BrokerInAJvm {

		public static void main(String[] args) throws Exception {
			EmbeddedBroker broker = EmbeddedBroker.start(Integer.parseInt(args[0]));
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					Thread.sleep(1000);
					ConnectionFactory factory = new ConnectionFactory();
					factory.setUri(broker.url());
					try (Connection connection = factory.newConnection()) {
						System.out.println("CONNECTED WHILE STOPPING");
					}
					broker.close();
					System.out.println("STOPPED");
				}
				catch (Exception ex) {
					System.out.println("the broker while stopping: " + ex);
				}
			}));
			System.out.println("READY");
			Thread.sleep(Long.MAX_VALUE);
		}

	}

	@Test
	void urlsAreRedactedAndDatabasesFound() {
		assertThat(LocalStack.redact("amqp://guest:guest@127.0.0.1:5673"))
			.isEqualTo("amqp://guest:guest@127.0.0.1:5673");
		assertThat(LocalStack.redact("mongodb://app:s3cret@db:27017/x")).isEqualTo("mongodb://app:****@db:27017/x");
		assertThat(LocalStack.databaseOf("mongodb://127.0.0.1:27017/model_monitoring?x=1"))
			.isEqualTo("model_monitoring");
		assertThat(LocalStack.databaseOf("mongodb://127.0.0.1:27017")).isEqualTo("model_monitoring");
	}

	/** The lowest port the tests draw from. */
	private static final int LOWEST_PORT = 10_000;

	/**
	 * A port free now, below the kernel's ephemeral range: a port found by binding port 0
	 * lies in that range, where an outgoing connection (a service's own, to the broker or
	 * MongoDB) may take it before the service it was chosen for binds it.
	 */
	static int freePort() {
		int below = ephemeralRangeStart();
		for (int tried = 0; tried < 200; tried++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST_PORT, below);
			try (ServerSocket socket = new ServerSocket(port)) {
				return port;
			}
			catch (IOException taken) {
				// another one
			}
		}
		throw new IllegalStateException("no free port from " + LOWEST_PORT + " to " + below);
	}

	private static int ephemeralRangeStart() {
		try {
			String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
			return Math.max(LOWEST_PORT + 1_000, Integer.parseInt(range.split("\\s+")[0]));
		}
		catch (IOException | RuntimeException unreadable) {
			return 32_768; // Linux's default
		}
	}

}
