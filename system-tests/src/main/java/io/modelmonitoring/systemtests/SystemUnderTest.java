package io.modelmonitoring.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import io.modelmonitoring.localstack.EmbeddedMongo;
import io.modelmonitoring.localstack.ServiceProcess;
import io.modelmonitoring.testsupport.TcpProxy;
import org.bson.Document;

/**
 * ml-service and risk-analytics from their packaged jars, against the local RabbitMQ in a
 * vhost of their own and an in-process MongoDB reached through a {@link TcpProxy} that
 * can be cut; a local lake; and a tap on everything they publish.
 */
public final class SystemUnderTest implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private final Path projectRoot;

	private final Map<String, String> mlServiceSettings;

	private final Map<String, String> workerSettings;

	private final Path logs;

	public final Broker broker;

	public final MongoServer mongoServer;

	public final TcpProxy mongoProxy;

	public final MongoDatabase mongo;

	private final MongoClient mongoClient;

	public final Lake lake;

	public final MessageTap tap;

	/** The services' shared JWT secret: risk-analytics signs, ml-service checks. */
	private final String jwtSecret = newSecret();

	/**
	 * A first start tries this many ports: a port free when chosen can be taken before
	 * the service binds it (an outgoing connection's ephemeral port is drawn from the
	 * same range).
	 */
	private static final int FIRST_START_PORTS = 3;

	private int mlServicePort = freePort();

	private int workerPort = freePort();

	private ServiceProcess mlService;

	private ServiceProcess worker;

	/**
	 * Whether the services run with the fault suite's fast timings (a 6 s lease, a 20 s
	 * idempotent wait, 12 quick retries, a 500 ms relay) or with their shipped defaults.
	 */
	private final boolean fastTimings;

	private SystemUnderTest(Path projectRoot, Map<String, String> mlServiceSettings, Map<String, String> workerSettings,
			boolean fastTimings) throws IOException {
		this.projectRoot = projectRoot;
		this.fastTimings = fastTimings;
		this.logs = Files.createTempDirectory("system-tests-logs");
		this.broker = Broker.withOwnVhost();
		this.mongoServer = new MongoServer(new EmbeddedMongo.HelloAnsweringBackend());
		this.mongoServer.bind("127.0.0.1", 0);
		this.mongoProxy = new TcpProxy(this.mongoServer.getLocalAddress().getPort());
		this.mongoClient = MongoClients
			.create("mongodb://127.0.0.1:" + this.mongoServer.getLocalAddress().getPort() + "/");
		this.mongo = this.mongoClient.getDatabase("system_tests");
		this.lake = Lake.create();
		this.mlServiceSettings = mlServiceSettings;
		this.workerSettings = workerSettings;
		this.tap = MessageTap.open(this.broker.connectionFactory());
	}

	/**
	 * Starts everything. The settings are environment variables of the services, over the
	 * defaults this class gives them.
	 */
	public static SystemUnderTest start(Path projectRoot, Map<String, String> mlServiceSettings,
			Map<String, String> workerSettings) throws IOException, InterruptedException {
		return start(projectRoot, mlServiceSettings, workerSettings, true);
	}

	/**
	 * Starts everything with the services' shipped timings: the 2-minute lease, the 60 s
	 * idempotent wait, the worker's shipped retries, the 5 s relay interval.
	 */
	public static SystemUnderTest startWithShippedTimings(Path projectRoot, Map<String, String> mlServiceSettings)
			throws IOException, InterruptedException {
		return start(projectRoot, mlServiceSettings, Map.of(), false);
	}

	private static SystemUnderTest start(Path projectRoot, Map<String, String> mlServiceSettings,
			Map<String, String> workerSettings, boolean fastTimings) throws IOException, InterruptedException {
		SystemUnderTest system = new SystemUnderTest(projectRoot, mlServiceSettings, workerSettings, fastTimings);
		try {
			system.startMlService();
			system.startWorker();
			return system;
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			try {
				system.close();
			}
			catch (Exception closing) {
				ex.addSuppressed(closing);
			}
			throw ex;
		}
	}

	public void startMlService() throws IOException, InterruptedException {
		Map<String, String> environment = new HashMap<>();
		environment.put("MONGODB_URI", "mongodb://127.0.0.1:" + this.mongoProxy.port()
				+ "/system_tests?serverSelectionTimeoutMS=2000&connectTimeoutMS=2000");
		environment.put("RABBITMQ_URL", this.broker.url());
		environment.put("SECURITY_JWT_HMAC_SECRET", this.jwtSecret);
		environment.put("DATA_LAKE_LOCAL_PATH", this.lake.root().toString());
		if (this.fastTimings) {
			environment.put("MESSAGING_CONFIRM_TIMEOUT", "3s");
			environment.put("MESSAGING_OUTBOX_RELAY_INTERVAL", "500ms");
			environment.put("MESSAGING_OUTBOX_CLAIM", "5s");
			environment.put("MODEL_MONITORING_RUNS_LEASE_DURATION", "6s");
			environment.put("MODEL_MONITORING_RUNS_IDEMPOTENT_WAIT", "20s");
		}
		environment.putAll(this.mlServiceSettings);
		// A restart keeps its port: the worker calls ml-service there.
		boolean firstStart = this.mlService == null;
		for (int tried = 1;; tried++) {
			this.mlService = ServiceProcess.start("ml-service", jar("ml-service"), this.mlServicePort, environment,
					this.logs);
			if (awaitHealthy(this.mlService, firstStart && tried < FIRST_START_PORTS)) {
				return;
			}
			this.mlServicePort = freePort();
		}
	}

	public void startWorker() throws IOException, InterruptedException {
		Map<String, String> environment = new HashMap<>();
		environment.put("RABBITMQ_URL", this.broker.url());
		environment.put("SECURITY_JWT_HMAC_SECRET", this.jwtSecret);
		environment.put("SERVICES_ML_SERVICE_URL", this.mlService.baseUrl());
		if (this.fastTimings) {
			environment.put("BATCH_JOBS_RETRY_MAX_ATTEMPTS", "12");
			environment.put("BATCH_JOBS_RETRY_INITIAL_DELAY", "1s");
			environment.put("BATCH_JOBS_RETRY_MULTIPLIER", "1.5");
			environment.put("BATCH_JOBS_RETRY_MAX_DELAY", "4s");
		}
		environment.putAll(this.workerSettings);
		for (int tried = 1;; tried++) {
			this.worker = ServiceProcess.start("risk-analytics", jar("risk-analytics"), this.workerPort, environment,
					this.logs);
			if (awaitHealthy(this.worker, tried < FIRST_START_PORTS)) {
				return;
			}
			this.workerPort = freePort();
		}
	}

	/**
	 * True once healthy; false when the service stopped because its port was taken and
	 * another port may be tried; otherwise the start's failure.
	 */
	private static boolean awaitHealthy(ServiceProcess service, boolean mayTryAnotherPort) throws InterruptedException {
		try {
			service.awaitHealthy(START_TIMEOUT);
			return true;
		}
		catch (IllegalStateException ex) {
			if (mayTryAnotherPort && service.stoppedOnPortInUse()) {
				System.out.printf("%s: its port was taken before it bound it; trying another%n", service.name());
				return false;
			}
			throw ex;
		}
	}

	public ServiceProcess mlService() {
		return this.mlService;
	}

	public ServiceProcess worker() {
		return this.worker;
	}

	/** One evaluation for the tenant with a Brier of 0.5, above the 0.2 threshold. */
	public void degraded(String tenantId) {
		this.mongo.getCollection("ml_evaluations")
			.insertOne(new Document("_id", "eval-" + tenantId).append("tenantId", tenantId)
				.append("modelId", "model-a")
				.append("createdAt", new Date())
				.append("brier", 0.5));
	}

	/** The stored run of a trigger, by its Idempotency-Key; null before it started. */
	public Document runOf(String triggerId) {
		return this.mongo.getCollection("ml_monitoring_runs").find(new Document("idempotencyKey", triggerId)).first();
	}

	public long runsOf(String triggerId) {
		return this.mongo.getCollection("ml_monitoring_runs").countDocuments(new Document("idempotencyKey", triggerId));
	}

	public long pendingEvents() {
		return this.mongo.getCollection("ml_event_outbox").countDocuments(new Document("status", "pending"));
	}

	public long runningRuns() {
		return this.mongo.getCollection("ml_monitoring_runs").countDocuments(new Document("status", "running"));
	}

	private Path jar(String module) {
		Path jar = this.projectRoot.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("no jar at " + jar + ": build it first (./mvnw -DskipTests package)");
		}
		return jar;
	}

	public Path logs() {
		return this.logs;
	}

	@Override
	public void close() throws Exception {
		if (this.worker != null) {
			this.worker.close();
		}
		if (this.mlService != null) {
			this.mlService.close();
		}
		this.tap.close();
		this.broker.close();
		this.mongoClient.close();
		this.mongoProxy.close();
		this.mongoServer.shutdownNow();
	}

	private static String newSecret() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
