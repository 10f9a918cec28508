package io.modelmonitoring.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.modelmonitoring.demodata.DemoEvaluations;
import io.modelmonitoring.demodata.MongoLoader;
import io.modelmonitoring.localstack.EmbeddedBroker;
import io.modelmonitoring.localstack.EmbeddedMongo;
import io.modelmonitoring.localstack.OperatorToken;
import io.modelmonitoring.localstack.ServiceProcess;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ml-service from its packaged jar, started as the local stack starts it
 * ({@link ServiceProcess}), against local-stack's in-process MongoDB wire server (the
 * demo evaluations loaded into {@code ml_evaluations}, so the run checks performance too)
 * and AMQP broker, with the lake as its {@code data_lake.local_path}; and the run's POST,
 * timed from sending the request to the whole answer read.
 */
final class MlServiceSide {

	/** The production image's (deployment/docker/service.Dockerfile). */
	static final List<String> PRODUCTION_JVM_OPTIONS = List.of("-XX:MaxRAMPercentage=75",
			"-XX:+ExitOnOutOfMemoryError");

	static final String RUN_PATH = "/api/v1/ml/model-monitoring/run";

	private static final String DATABASE = "model_monitoring";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** The JWT secret, made anew for each benchmark as the local stack does. */
	private final String secret;

	private final ServiceProcess service;

	private MlServiceSide(ServiceProcess service, String secret) {
		this.service = service;
		this.secret = secret;
	}

	/**
	 * Starts MongoDB (with the evaluations of the lake's spec), the broker and
	 * ml-service, each kept in {@code running} to be stopped (the service first), and
	 * waits until the service is healthy.
	 */
	static MlServiceSide start(Path jar, BenchmarkLake lake, int scanThreads, int bins, boolean warmUp,
			List<String> jvmOptions, Path logs, Duration startTimeout, RunningProcesses running) throws Exception {
		EmbeddedMongo mongo = running.add(EmbeddedMongo.start(freePort()));
		MongoLoader.load(mongo.uri(DATABASE), DemoEvaluations.documents(lake.spec(), 4));
		EmbeddedBroker broker = running.add(EmbeddedBroker.start(freePort()));
		String secret = OperatorToken.newSecret();
		Map<String, String> environment = new HashMap<>();
		environment.put("MONGODB_URI", mongo.uri(DATABASE));
		environment.put("RABBITMQ_URL", broker.url());
		environment.put("SECURITY_JWT_HMAC_SECRET", secret);
		environment.put("DATA_LAKE_LOCAL_PATH", lake.root().toString());
		environment.put("DATA_LAKE_SCAN_THREADS", Integer.toString(scanThreads));
		environment.put("MODEL_MONITORING_PSI_BINS", Integer.toString(bins));
		environment.put("DATA_LAKE_WARM_UP", Boolean.toString(warmUp));
		// Health and metrics share the server's port: application.yml sets no management
		// port of its own.
		ServiceProcess service = running
			.add(ServiceProcess.start("ml-service", jar, freePort(), jvmOptions, environment, logs));
		service.awaitHealthy(startTimeout);
		return new MlServiceSide(service, secret);
	}

	/**
	 * POSTs a run at {@code asOf} and reads the whole answer, timed; checks it is a 200
	 * with a run's shape.
	 */
	Run run(Instant asOf, Duration timeout) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.service.baseUrl() + RUN_PATH))
			.timeout(timeout)
			.header("Authorization", "Bearer " + OperatorToken.mint(this.secret, Instant.now()))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"asOf\": \"" + asOf + "\"}"))
			.build();
		long started = System.nanoTime();
		HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		double seconds = (System.nanoTime() - started) / 1e9;
		JsonNode answer = checked(response);
		return new Run(seconds, answer.get("durationMs").longValue(), answer);
	}

	private JsonNode checked(HttpResponse<String> response) {
		String body = response.body();
		if (response.statusCode() != 200) {
			throw failure("answered " + response.statusCode() + ": " + abbreviated(body));
		}
		JsonNode answer;
		try {
			answer = JsonMapper.shared().readTree(body);
		}
		catch (JacksonException ex) {
			throw failure("answered 200 with a body that is not JSON: " + abbreviated(body));
		}
		boolean shaped = answer.path("runId").isString() && answer.path("durationMs").isIntegralNumber()
				&& answer.path("invalidRecords").isIntegralNumber() && answer.path("results").isArray()
				&& !answer.path("results").isEmpty();
		for (JsonNode result : answer.path("results")) {
			shaped = shaped && result.path("tenantId").isString() && result.path("modelId").isString();
		}
		if (!shaped) {
			throw failure("answered 200 without a run's shape (runId, durationMs, invalidRecords, results with "
					+ "tenantId and modelId): " + abbreviated(body));
		}
		return answer;
	}

	private IllegalStateException failure(String what) {
		return new IllegalStateException("ml-service " + what + "; see " + this.service.log());
	}

	private static String abbreviated(String body) {
		return (body.length() <= 500) ? body : body.substring(0, 500) + "…";
	}

	Path log() {
		return this.service.log();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One run as the client saw it.
	 *
	 * @param seconds from sending the request to the whole answer read
	 * @param durationMs the run's own measure, from its answer
	 */
	record Run(double seconds, long durationMs, JsonNode answer) {
	}

}
