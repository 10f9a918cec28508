package io.modelmonitoring.mlservice.monitoring;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.zip.GZIPOutputStream;

import io.modelmonitoring.testsupport.TestServers;
import io.modelmonitoring.security.testing.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What the ml-service integration tests share, so that they share one started
 * application: the local RabbitMQ behind an exchange of this test run's own,
 * mongo-java-server, and a local lake seeded with inference logs (see
 * {@link #seedLake()}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MonitoringIntegrationTestBase {

	static final Instant AS_OF = Instant.parse("2026-11-22T06:00:00Z");

	static final String EXCHANGE = TestServers.uniqueName("test.ml-service");

	static final Path LAKE = seedLake();

	/** Where events say the reports are: a path below the host, as behind a proxy. */
	static final String REPORT_BASE_URL = "https://ml.example.test/monitoring/";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> TestServers.mongoUri("monitoring_it"));
		registry.add("spring.rabbitmq.addresses", TestServers::rabbitAddresses);
		registry.add("messaging.exchange", () -> EXCHANGE);
		registry.add("data_lake.local_path", LAKE::toString);
		registry.add("data_lake.connection_string", () -> "");
		registry.add("model_monitoring.runs.idempotent_wait", () -> "2s");
		registry.add("messaging.outbox.relay_interval", () -> "300ms");
		registry.add("model_monitoring.report_base_url", () -> REPORT_BASE_URL);
	}

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	final HttpClient http = HttpClient.newHttpClient();

	/** A run request with a valid token, as risk-analytics sends it. */
	HttpResponse<String> post(String body) throws Exception {
		return post(body, TestTokens.ML_SERVICE.valid());
	}

	HttpResponse<String> post(String body, String token) throws Exception {
		return send(body, token);
	}

	/**
	 * A run request with a valid token and extra headers, as name, value, name, value…
	 */
	HttpResponse<String> postWithHeaders(String body, String... headers) throws Exception {
		return send(body, TestTokens.ML_SERVICE.valid(), headers);
	}

	private HttpResponse<String> send(String body, String token, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/run")).header("Content-Type", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + TestTokens.ML_SERVICE.valid())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + "/api/v1/ml/model-monitoring" + path);
	}

	/**
	 * Baseline records 45 days before asOf, current ones 3 days before (gzipped), one
	 * record 20 days before (in neither window), and four bad lines: one with no tenant
	 * to tell, and three of tenant-1 or tenant-2 (a string, a NaN and a -Infinity
	 * prediction).
	 */
	private static Path seedLake() {
		try {
			Path lake = Files.createTempDirectory("ml-service-lake");
			Instant baselineStart = AS_OF.minus(Duration.ofDays(45));
			Instant currentStart = AS_OF.minus(Duration.ofDays(3));
			IntToDoubleFunction baseline = (i) -> i / 39.0;
			List<String> baselineLines = new ArrayList<>();
			for (String model : List.of("tenant-1/model-drift", "tenant-1/model-stable", "tenant-2/model-exact",
					"tenant-2/model-few")) {
				baselineLines.addAll(records(model, 40, baseline, baselineStart));
			}
			baselineLines.add("this is not json");
			baselineLines.add("{\"tenantId\": \"tenant-1\", \"modelId\": \"model-drift\", \"prediction\": \"abc\", "
					+ "\"timestamp\": \"" + baselineStart + "\"}");
			write(partition(lake, baselineStart).resolve("part-0.jsonl"), baselineLines, false);

			List<String> currentLines = new ArrayList<>();
			currentLines.addAll(records("tenant-1/model-drift", 40, (i) -> 0.5 + i / 78.0, currentStart));
			currentLines.addAll(records("tenant-1/model-stable", 40, (i) -> ((i * 7) % 40) / 39.0, currentStart));
			currentLines.addAll(records("tenant-2/model-exact", 30, (i) -> (i % 10) / 12.0, currentStart));
			currentLines.addAll(records("tenant-2/model-few", 29, (i) -> i / 29.0, currentStart));
			currentLines.add("{\"tenantId\": \"tenant-1\", \"modelId\": \"model-drift\", \"prediction\": NaN, "
					+ "\"timestamp\": \"" + currentStart + "\"}");
			currentLines.add("{\"tenantId\": \"tenant-2\", \"modelId\": \"model-exact\", \"prediction\": -Infinity, "
					+ "\"timestamp\": \"" + currentStart + "\"}");
			write(partition(lake, currentStart).resolve("part-0.jsonl.gz"), currentLines, true);

			Instant between = AS_OF.minus(Duration.ofDays(20));
			write(partition(lake, between).resolve("part-0.jsonl"),
					records("tenant-1/model-stable", 5, (i) -> 0.99, between), false);
			return lake;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<String> records(String model, int count, IntToDoubleFunction value, Instant start) {
		String[] key = model.split("/");
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			lines.add("{\"tenantId\": \"" + key[0] + "\", \"modelId\": \"" + key[1] + "\", \"prediction\": "
					+ value.applyAsDouble(i) + ", \"timestamp\": \"" + start.plusSeconds(60L * i)
					+ "\", \"features\": {\"x\": 1}}");
		}
		return lines;
	}

	static Path partition(Path lake, Instant day) throws IOException {
		var date = day.atZone(ZoneOffset.UTC).toLocalDate();
		return Files.createDirectories(lake.resolve("ml_inference_logs")
			.resolve(String.format("year=%04d/month=%02d/day=%02d", date.getYear(), date.getMonthValue(),
					date.getDayOfMonth())));
	}

	static void write(Path file, List<String> lines, boolean gzip) throws IOException {
		byte[] content = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
		try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file))
				: Files.newOutputStream(file)) {
			out.write(content);
		}
	}

}
