package io.modelmonitoring.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.modelmonitoring.contracts.MessagingNames;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system on one machine: an embedded AMQP broker and MongoDB (unless real ones
 * are given), a local-directory data lake, the three services from their jars, demo data,
 * and one model-monitoring job through the real path.
 */
public final class LocalStack implements AutoCloseable {

	static final String DATABASE = "model_monitoring";

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private static final Pattern CREDENTIALS = Pattern.compile("://([^:/@]+):([^@]+)@");

	private final StackOptions options;

	private final PrintStream out;

	private final Deque<AutoCloseable> running = new ConcurrentLinkedDeque<>();

	/** Counted down when the stack begins to stop, by Ctrl-C or otherwise. */
	private final CountDownLatch stopping = new CountDownLatch(1);

	/** Completed with the first service that stops without being asked to. */
	private final CompletableFuture<ServiceProcess> died = new CompletableFuture<>();

	private EventTap tap;

	private String amqpUrl;

	private String mongoUri;

	private ServiceProcess orchestrator;

	private ServiceProcess mlService;

	/**
	 * Made anew for each start and given to the services; on disk only in
	 * {@code <data-dir>/jwt-secret} while the stack runs ({@link OperatorToken}).
	 */
	private final String jwtSecret = OperatorToken.newSecret();

	private LocalStack(StackOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	public static void main(String[] args) throws Exception {
		List<String> arguments = new ArrayList<>(List.of(args));
		if (arguments.contains("--help")) {
			System.out.print(StackOptions.USAGE);
			return;
		}
		boolean tokenOnly = arguments.remove("--token");
		StackOptions options;
		try {
			options = StackOptions.parse(arguments.toArray(String[]::new));
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		if (tokenOnly) {
			System.exit(printToken(options.dataDir(), System.out, System.err));
			return;
		}
		LocalStack stack = new LocalStack(options, System.out);
		Runtime.getRuntime().addShutdownHook(new Thread(stack::closeQuietly, "local-stack-shutdown"));
		try {
			DemoRun.Outcome outcome = stack.start();
			boolean completed = outcome == null || outcome.completed();
			if (options.once()) {
				completed = completed && !stack.died.isDone();
				stack.closeQuietly();
				System.exit(completed ? 0 : 1);
			}
			System.out.println("\nRunning. Press Ctrl-C to stop.");
			// Returns only when a service dies: the stack is then stopped, not left half
			// running.
			ServiceProcess dead = stack.died.get();
			System.err.println("Stopping the local stack because " + dead.name() + " stopped.");
			stack.closeQuietly();
			System.exit(1);
		}
		catch (Exception ex) {
			System.err.println("local stack failed: " + ex.getMessage());
			if (System.getenv("LOCAL_STACK_DEBUG") != null) {
				ex.printStackTrace();
			}
			stack.closeQuietly();
			System.exit(1);
		}
	}

	/**
	 * {@code local-stack --token}: prints a fresh operator token of the stack that runs
	 * with this data directory.
	 * @return the exit status
	 */
	static int printToken(Path dataDir, PrintStream out, PrintStream err) {
		try {
			out.println(OperatorToken.mintForRunningStack(dataDir, Instant.now()));
			return 0;
		}
		catch (IllegalStateException ex) {
			err.println(ex.getMessage());
		}
		catch (IOException ex) {
			err.println("cannot read the running stack's secret in " + dataDir + ": " + ex);
		}
		return 1;
	}

	/**
	 * Starts everything and, unless told not to, runs the demo.
	 * @return how the demo job ended, or null when there was no demo
	 */
	DemoRun.Outcome start() throws Exception {
		Instant now = Instant.now();
		Path lake = prepareLake();
		startInfrastructure();
		JsonMapper json = JsonMapper.builder().build();
		if (this.options.demo()) {
			seed(lake, now);
		}
		this.tap = EventTap.open(this.amqpUrl, json);
		this.running.push(this.tap);
		startServices(lake);
		this.running.push(OperatorToken.keepSecret(this.options.dataDir(), this.jwtSecret));
		if (!this.options.once()) {
			printUrls();
		}
		if (!this.options.demo()) {
			return null;
		}
		this.out.println("\nRunning one model-monitoring job: trigger -> worker -> ml-service -> events ...");
		DemoRun.Outcome outcome = new DemoRun(json, OperatorToken.mint(this.jwtSecret, Instant.now())).run(this.tap,
				this.orchestrator.baseUrl(), this.mlService.baseUrl(), Duration.ofMinutes(5),
				this.options.dataDir().resolve("reports"));
		DemoRun.print(outcome, this.out);
		if (this.options.once()) {
			this.out.println();
			this.out.println("The services stop now (--once); what stays:");
			this.out.println("  audit trail            " + auditDir().resolve("ml_audit_log")
					+ "   (one file per ml.model.* and workflow.job.* message)");
			this.out.println("  service logs           " + this.options.dataDir().resolve("logs"));
			this.out.println("Without --once the stack keeps running and prints its URLs, a token and curl lines.");
		}
		return outcome;
	}

	/**
	 * The lake directory, without the files an earlier demo wrote in it: a start with
	 * {@code --no-demo} starts with the lake as the user left it, and a demo start with
	 * only this demo's files. Nothing the stack did not write is deleted.
	 */
	Path prepareLake() throws IOException {
		Path lake = Files.createDirectories(this.options.dataDir().resolve("lake"));
		int deleted = DemoScenario.removeWrittenFiles(lake);
		if (deleted > 0 && !this.options.demo()) {
			this.out.println("Lake: deleted the " + deleted + " files an earlier demo wrote in " + lake);
		}
		return lake;
	}

	private void startInfrastructure() throws Exception {
		if (this.options.rabbitmqUrl() != null) {
			this.amqpUrl = this.options.rabbitmqUrl();
			this.out.println("Broker: using " + redact(this.amqpUrl));
		}
		else {
			EmbeddedBroker broker = EmbeddedBroker.start(this.options.amqpPort());
			this.running.push(broker);
			this.amqpUrl = broker.url();
			this.out.println("Broker: embedded AMQP 0-9-1 broker on 127.0.0.1:" + this.options.amqpPort());
		}
		if (this.options.mongodbUri() != null) {
			this.mongoUri = this.options.mongodbUri();
			this.out.println("MongoDB: using " + redact(this.mongoUri));
		}
		else {
			EmbeddedMongo mongo = EmbeddedMongo.start(this.options.mongoPort());
			this.running.push(mongo);
			this.mongoUri = mongo.uri(DATABASE);
			this.out.println("MongoDB: embedded wire-protocol server on 127.0.0.1:" + this.options.mongoPort());
		}
	}

	private void seed(Path lake, Instant now) throws IOException {
		DemoScenario scenario = new DemoScenario(this.options.seed(), now);
		long lines = scenario.writeLake(lake);
		try (MongoClient client = MongoClients.create(this.mongoUri)) {
			var evaluations = client.getDatabase(databaseOf(this.mongoUri)).getCollection("ml_evaluations");
			// Only the demo's own tenants: the URI may point at a database with other
			// data.
			evaluations.deleteMany(Filters.in("tenantId", DemoScenario.TENANTS));
			evaluations.insertMany(scenario.evaluations());
		}
		this.out.printf("Demo data (seed %d): %d inference log lines in %s, %d evaluations in ml_evaluations%n",
				this.options.seed(), lines, lake, scenario.evaluations().size());
		for (DemoScenario.DemoModel model : DemoScenario.MODELS) {
			this.out.printf("  %-10s %-16s %s%n", model.tenantId(), model.modelId(), model.story());
		}
	}

	private void startServices(Path lake) throws Exception {
		Path logs = this.options.dataDir().resolve("logs");
		Map<String, String> common = new HashMap<>();
		common.put("RABBITMQ_URL", this.amqpUrl);
		common.put("MONGODB_URI", this.mongoUri);
		common.put("SECURITY_JWT_HMAC_SECRET", this.jwtSecret);
		String mlUrl = "http://127.0.0.1:" + this.options.mlPort();

		Map<String, String> ml = new HashMap<>(common);
		ml.put("DATA_LAKE_LOCAL_PATH", lake.toString());
		Map<String, String> worker = new HashMap<>(common);
		worker.put("SERVICES_ML_SERVICE_URL", mlUrl);
		Map<String, String> orchestrator = new HashMap<>(common);
		Map<String, String> consumers = new HashMap<>(common);
		consumers.put("AUDIT_LOG_LOCAL_PATH", Files.createDirectories(auditDir()).toString());

		this.out.println("Starting ml-service, risk-analytics, workflow-orchestrator and event-consumers (logs in "
				+ logs + ") ...");
		this.mlService = service("ml-service", this.options.mlPort(), ml, logs);
		ServiceProcess riskAnalytics = service("risk-analytics", this.options.workerPort(), worker, logs);
		this.orchestrator = service("workflow-orchestrator", this.options.orchestratorPort(), orchestrator, logs);
		ServiceProcess eventConsumers = service("event-consumers", this.options.consumersPort(), consumers, logs);
		List<ServiceProcess> services = List.of(this.mlService, riskAnalytics, this.orchestrator, eventConsumers);
		for (ServiceProcess process : services) {
			process.awaitHealthy(START_TIMEOUT);
			this.out.println("  " + process.name() + " is up at " + process.baseUrl());
		}
		// A death during start-up fails awaitHealthy; from here on, it is reported.
		for (ServiceProcess process : services) {
			process.onUnexpectedExit(this::reportDeath);
		}
	}

	/**
	 * Tells at once, loudly, that a service stopped, with the end of its log; ends any
	 * wait of the demo for events, and completes {@link #died()}.
	 */
	private void reportDeath(ServiceProcess process) {
		int code = process.exitCode();
		// Ctrl-C (SIGINT, 130) and a SIGTERM to the process group (143) reach the
		// services and the launcher alike: such an exit is the stack stopping if the
		// launcher's shutdown begins within a moment.
		if (code == 130 || code == 143) {
			try {
				if (this.stopping.await(2, TimeUnit.SECONDS)) {
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.stopping.getCount() == 0) {
			return;
		}
		String what = process.name() + " stopped unexpectedly (exit code " + code
				+ ((code > 128) ? ", signal " + (code - 128) : "") + ")";
		StringBuilder report = new StringBuilder();
		report.append("\n!!! ").append(what).append(". The last lines of ").append(process.log()).append(":\n");
		for (String line : process.logTail(20)) {
			report.append("  | ").append(line).append('\n');
		}
		report.append("!!! The stack stops: start it again with scripts/run-local.sh.\n");
		this.out.print(report);
		this.out.flush();
		if (this.tap != null) {
			this.tap.cancel(what);
		}
		this.died.complete(process);
	}

	/**
	 * Completed with the first service that stops without the stack asking it to.
	 */
	CompletableFuture<ServiceProcess> died() {
		return this.died;
	}

	ServiceProcess mlService() {
		return this.mlService;
	}

	/**
	 * Where event-consumers keeps the audit trail: one file per message under
	 * {@code ml_audit_log/year=…/month=…/day=…/}.
	 */
	Path auditDir() {
		return this.options.dataDir().resolve("audit");
	}

	private ServiceProcess service(String name, int port, Map<String, String> environment, Path logs)
			throws IOException {
		Path jar = this.options.projectDir().resolve(name).resolve("target").resolve(name + "-0.1.0-SNAPSHOT.jar");
		ServiceProcess process = ServiceProcess.start(name, jar, port, environment, logs);
		this.running.push(process);
		return process;
	}

	private void printUrls() {
		String ml = this.mlService.baseUrl();
		this.out.println();
		this.out.println("Explore:");
		this.out.println("  workflow-orchestrator  " + this.orchestrator.baseUrl()
				+ "/api/v1/workflow/jobs   (with the token below)");
		this.out.println("  risk-analytics         http://127.0.0.1:" + this.options.workerPort() + "/actuator/health");
		this.out
			.println("  ml-service             " + ml + "/api/v1/ml/model-monitoring/runs   (with the token below)");
		this.out.println("  metrics                " + this.orchestrator.baseUrl() + "/actuator/prometheus, "
				+ "http://127.0.0.1:" + this.options.workerPort() + "/actuator/prometheus, " + ml
				+ "/actuator/prometheus");
		this.out.println("  MongoDB                " + redact(this.mongoUri) + "   (npx mongosh@2 \""
				+ redact(this.mongoUri) + "\")");
		this.out.println("  AMQP                   " + redact(this.amqpUrl) + "   (exchange " + EventTap.EXCHANGE
				+ ", queue " + MessagingNames.BATCH_JOBS_QUEUE + ")");
		this.out.println("  token                  export TOKEN=" + OperatorToken.mint(this.jwtSecret, Instant.now())
				+ "   (HS256, valid " + OperatorToken.LIFETIME.toHours() + " h, scopes " + OperatorToken.SCOPES
				+ "; the secret is new at each start)");
		this.out.println("  a fresh token          export TOKEN=$(scripts/run-local.sh --token"
				+ (this.options.dataDir().equals(Path.of("local-data").toAbsolutePath()) ? ""
						: " --data-dir " + this.options.dataDir())
				+ ")   (while the stack runs)");
		this.out.println("  manual run             curl -s -X POST " + ml
				+ "/api/v1/ml/model-monitoring/run -H \"Authorization: Bearer $TOKEN\" "
				+ "-H 'Content-Type: application/json' -d '{}'");
		this.out.println("  manual trigger         curl -s -X POST " + this.orchestrator.baseUrl()
				+ "/api/v1/workflow/jobs/model-monitoring/trigger -H \"Authorization: Bearer $TOKEN\" "
				+ "-H 'Content-Type: application/json' -d '{\"tenantIds\": [\"acme-corp\"]}'");
		this.out.println("  runs                   curl -s " + ml
				+ "/api/v1/ml/model-monitoring/runs -H \"Authorization: Bearer $TOKEN\"");
		this.out.println("  audit trail            " + auditDir().resolve("ml_audit_log")
				+ "/year=YYYY/month=MM/day=DD/<message id>.jsonl   (every ml.model.* and workflow.job.* message)");
		this.out.println("  a run's report         curl -s -o report.html " + ml + DemoRun.reportPath("<runId>")
				+ " -H \"Authorization: Bearer $TOKEN\"   (then open report.html)");
	}

	static String databaseOf(String mongoUri) {
		String path = mongoUri.replaceFirst("^mongodb(\\+srv)?://[^/]*/?", "");
		String database = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
		return database.isEmpty() ? DATABASE : database;
	}

	/**
	 * Hides a password in a URL before it is printed; the well-known guest password
	 * stays.
	 */
	static String redact(String url) {
		Matcher credentials = CREDENTIALS.matcher(url);
		if (!credentials.find() || credentials.group(2).equals("guest")) {
			return url;
		}
		return url.substring(0, credentials.start(2)) + "****" + url.substring(credentials.end(2));
	}

	void closeQuietly() {
		try {
			close();
		}
		catch (Exception ex) {
			System.err.println("while stopping: " + ex.getMessage());
		}
	}

	@Override
	public void close() throws Exception {
		this.stopping.countDown();
		stopAll();
	}

	private synchronized void stopAll() {
		while (!this.running.isEmpty()) {
			AutoCloseable next = this.running.pop();
			try {
				next.close();
			}
			catch (Exception ex) {
				System.err.println("while stopping: " + ex.getMessage());
			}
		}
	}

	// Used by the end-to-end test, which drives the same stack in its own process.
	static LocalStack create(StackOptions options, PrintStream out) {
		return new LocalStack(options, out);
	}

}
