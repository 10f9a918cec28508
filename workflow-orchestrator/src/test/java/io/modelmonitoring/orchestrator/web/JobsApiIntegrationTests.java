package io.modelmonitoring.orchestrator.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import io.modelmonitoring.testsupport.TestServers;
import io.modelmonitoring.security.testing.SlowBody;
import io.modelmonitoring.security.testing.TestTokens;
import io.modelmonitoring.security.testing.TestJwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The orchestrator as deployed, against the local RabbitMQ (an exchange and batch-jobs
 * queue of this test run's own) and mongo-java-server: the manual trigger API, the
 * message it publishes, the jobs listing and the actuator endpoints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class JobsApiIntegrationTests {

	static final Path SCRAPE = Path.of("target", "prometheus-scrape.txt");

	static final String EXCHANGE = TestServers.uniqueName("test.orchestrator.events");

	static final String QUEUE = TestServers.uniqueName("test.orchestrator.batch-jobs");

	static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(10);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> TestServers.mongoUri("orchestrator_api_it"));
		registry.add("spring.rabbitmq.addresses", TestServers::rabbitAddresses);
		registry.add("messaging.exchange", () -> EXCHANGE);
		registry.add("messaging.batch_jobs_queue", () -> QUEUE);
		registry.add("messaging.publish.backoff", () -> "100ms");
		// Boot's MongoDB check sends hello to every database the server lists, and
		// mongo-java-server does not know it: the check would be DOWN as soon as the test
		// server holds a database, which the retry of missed fires creates at start-up
		// (it asks for pending fires). The other components keep the status UP.
		registry.add("management.health.mongodb.enabled", () -> "false");
	}

	final TestServers.Rabbit rabbit = new TestServers.Rabbit();

	final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Autowired
	LoggingSystem logging;

	@AfterAll
	void deleteTestQueueAndExchange() {
		this.rabbit.delete(QUEUE, EXCHANGE);
		this.rabbit.close();
	}

	@Test
	void aManualTriggerIsAcceptedAndPublishedInTheContractsShape() throws Exception {
		Instant before = Instant.now();
		HttpResponse<String> response = post("/model-monitoring/trigger",
				"{\"tenantIds\": [\"tenant-1\", \"tenant-2\"]}");

		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode accepted = this.json.readTree(response.body());
		String triggerId = accepted.path("triggerId").asString();
		assertThat(triggerId).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		assertThat(accepted.path("job").asString()).isEqualTo("model-monitoring");

		Message message = receive(triggerId);
		MessageProperties properties = message.getMessageProperties();
		assertThat(properties.getMessageId()).isEqualTo(triggerId);
		assertThat(properties.getType()).isEqualTo("workflow.job.trigger");
		assertThat(properties.getContentType()).isEqualTo("application/json");
		assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
		assertThat(properties.getReceivedExchange()).isEqualTo(EXCHANGE);
		assertThat(properties.getReceivedRoutingKey()).isEqualTo("workflow.job.trigger");

		JsonNode trigger = this.json.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
		assertThat(fieldNames(trigger)).containsExactlyInAnyOrder("id", "type", "timestamp", "source", "job",
				"metadata", "triggeredBy");
		assertThat(trigger.path("id").asString()).isEqualTo(triggerId);
		assertThat(trigger.path("type").asString()).isEqualTo("workflow.job.trigger");
		assertThat(Instant.parse(trigger.path("timestamp").asString())).isBetween(before, Instant.now());
		assertThat(trigger.path("timestamp").asString()).endsWith("Z");
		assertThat(trigger.path("source").asString()).isEqualTo("workflow-orchestrator");
		assertThat(trigger.path("job").asString()).isEqualTo("model-monitoring");
		assertThat(fieldNames(trigger.path("metadata"))).containsExactly("tenantIds");
		assertThat(strings(trigger.path("metadata").path("tenantIds"))).containsExactly("tenant-1", "tenant-2");
		assertThat(trigger.path("triggeredBy").asString()).isEqualTo("manual");
	}

	@Test
	void aTriggerWithoutBodyRunsEveryTenant() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/model-monitoring/trigger"))
			.header("Authorization", "Bearer " + TestTokens.WORKFLOW_ORCHESTRATOR.valid())
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode trigger = receiveJson(this.json.readTree(response.body()).path("triggerId").asString());
		assertThat(trigger.path("metadata").path("tenantIds").isArray()).isTrue();
		assertThat(trigger.path("metadata").path("tenantIds").isEmpty()).isTrue();
		assertThat(trigger.path("triggeredBy").asString()).isEqualTo("manual");
	}

	@Test
	void anEmptyObjectRunsEveryTenantAndTheCallerMayNameItself() throws Exception {
		HttpResponse<String> all = post("/model-monitoring/trigger", "{}");
		assertThat(all.statusCode()).isEqualTo(202);
		assertThat(receiveJson(this.json.readTree(all.body()).path("triggerId").asString()).path("metadata")
			.path("tenantIds")
			.isEmpty()).isTrue();

		HttpResponse<String> named = post("/model-monitoring/trigger",
				"{\"tenantIds\": [\"tenant-3\", \"tenant-3\"], \"triggeredBy\": \"alice@example.com\"}");
		assertThat(named.statusCode()).isEqualTo(202);
		JsonNode trigger = receiveJson(this.json.readTree(named.body()).path("triggerId").asString());
		assertThat(trigger.path("triggeredBy").asString()).isEqualTo("alice@example.com");
		assertThat(strings(trigger.path("metadata").path("tenantIds"))).containsExactly("tenant-3");
	}

	/**
	 * One bad body: that the service's own strict JSON reading (an unknown field is an
	 * error) is the one Tomcat's requests go through. Every other bad body, the 415 and
	 * the unknown job are {@link JobsControllerTests}' cases.
	 */
	@Test
	void aMisspeltFieldIsRefusedWithAProblemNamingIt() throws Exception {
		HttpResponse<String> response = post("/model-monitoring/trigger", "{\"tenantId\": [\"tenant-1\"]}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo("urn:model-monitoring:problem:invalid-request");
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(strings(problem.path("fields"))).containsExactly("tenantId");
		assertThat(problem.path("detail").asString()).startsWith("tenantId: ");
	}

	@Test
	void theJobsAreListedWithTheirSchedule() throws Exception {
		HttpResponse<String> response = get("/api/v1/workflow/jobs");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode job = this.json.readTree(response.body()).path("jobs").path(0);
		assertThat(job.path("name").asString()).isEqualTo("model-monitoring");
		assertThat(job.path("cron").asString()).isEqualTo("0 6 * * 0");
		assertThat(job.path("normalizedCron").asString()).isEqualTo("0 0 6 * * 0");
		assertThat(job.path("timezone").asString()).isEqualTo("UTC");
		Instant next = Instant.parse(job.path("nextFireTime").asString());
		assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofDays(7)));
		assertThat(next.toString()).endsWith("T06:00:00Z");
		assertThat(get("/api/v1/workflow/jobs/model-monitoring").body()).isEqualTo(this.json.writeValueAsString(job));
		assertThat(get("/api/v1/workflow/jobs/nope").statusCode()).isEqualTo(404);
	}

	@Test
	void aTriggerRoutedNowhereIsRetriedAfterTheQueueIsDeclaredAgain() throws Exception {
		this.rabbit.admin().deleteQueue(QUEUE);

		HttpResponse<String> response = post("/model-monitoring/trigger", "{}");

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(receiveJson(this.json.readTree(response.body()).path("triggerId").asString()).path("job").asString())
			.isEqualTo("model-monitoring");
	}

	@Test
	void onlyHealthAndPrometheusAreExposed() throws Exception {
		// Taken off the queue again, so that no other test finds this trigger there.
		HttpResponse<String> triggered = post("/model-monitoring/trigger", "{}");
		receive(this.json.readTree(triggered.body()).path("triggerId").asString());

		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(health.body()).path("status").asString()).isEqualTo("UP");
		String prometheus = get("/actuator/prometheus").body();
		assertThat(prometheus).containsPattern("batch_job_triggers_total\\{batch_job=\"model-monitoring\"[^}]*} [1-9]");
		assertThat(prometheus)
			.contains("batch_job_trigger_failures_total{batch_job=\"model-monitoring\",reason=\"publish\"} 0.0");
		assertThat(prometheus)
			.contains("batch_job_trigger_failures_total{batch_job=\"model-monitoring\",reason=\"lock\"} 0.0");
		assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/beans").statusCode()).isEqualTo(404);
		// The deployment check compares the dashboards' and alerts' metric names with it.
		Files.createDirectories(SCRAPE.getParent());
		Files.writeString(SCRAPE, prometheus, StandardCharsets.UTF_8);
		// Open without a token: probes and scrapes carry none.
		for (String open : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus")) {
			assertThat(this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + open)).build(),
						HttpResponse.BodyHandlers.ofString())
				.statusCode()).as(open).isEqualTo(200);
		}
	}

	/**
	 * One attack of each kind: no token, a forged signature, a token of another service
	 * (ml-service's audience), no signature at all, and a good token with ml-service's
	 * scope. Their variants (expiry, not-before, issuer, malformed) are
	 * service-security's own cases.
	 */
	static Stream<Arguments> attacks() {
		String secret = TestTokens.SECRET;
		return Stream.of(Arguments.of("no token", null, 401),
				Arguments.of("bad signature",
						TestJwts.hs256(TestTokens.WORKFLOW_ORCHESTRATOR.claims().build(),
								"another-secret-the-service-does-not-know-01"),
						401),
				Arguments.of("ml-service's audience",
						TestJwts.hs256(TestTokens.WORKFLOW_ORCHESTRATOR.claims().audience("ml-service").build(),
								secret),
						401),
				Arguments.of("alg none", TestJwts.unsigned(TestTokens.WORKFLOW_ORCHESTRATOR.claims().build()), 401),
				Arguments.of("valid for a year",
						TestJwts.hs256(TestTokens.WORKFLOW_ORCHESTRATOR.claims()
							.expirationTime(Date.from(Instant.now().plus(Duration.ofDays(365))))
							.build(), secret),
						401),
				Arguments.of("ml-service's scope", TestJwts.hs256(
						TestTokens.WORKFLOW_ORCHESTRATOR.claims().claim("scope", "model-monitoring:run").build(),
						secret), 403));
	}

	/**
	 * The security issue's attacks on the trigger: refused with 401/403 problem+json, no
	 * trigger published, and the token in neither the answer nor the log.
	 */
	@ParameterizedTest(name = "{0} -> {2}")
	@MethodSource("attacks")
	void aTriggerWithABadTokenIsRefused(String name, String token, int status, CapturedOutput output) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/model-monitoring/trigger"))
			.header("Content-Type", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = this.http.send(
				request.POST(HttpRequest.BodyPublishers.ofString("{\"triggeredBy\": \"" + name + "\"}")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((header) -> assertThat(header).startsWith("Bearer"));
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo((status == 401)
				? "urn:model-monitoring:problem:unauthorized" : "urn:model-monitoring:problem:forbidden");
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		if (token != null) {
			assertThat(response.body()).doesNotContain(token);
			assertThat(output.getAll()).doesNotContain(token);
		}
		assertThat(this.rabbit.receive(QUEUE, Duration.ofMillis(200))).as("no trigger published").isNull();
	}

	/**
	 * Spring Security 7's RFC 9728 metadata, which answered anyone and named the Host
	 * header it was sent as the resource, is not served: a token is asked for, and there
	 * is nothing behind it.
	 */
	@Test
	void theProtectedResourceMetadataIsNotServed() throws Exception {
		String path = "/.well-known/oauth-protected-resource";
		HttpResponse<String> anonymous = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.body()).doesNotContain("tls_client_certificate_bound_access_tokens");
		assertThat(get(path).statusCode()).isEqualTo(404);
	}

	/**
	 * A trigger whose body has barely begun and never goes on, without a token: answered
	 * 401 before the client has sent it, and the connection closed.
	 */
	@Test
	void aSlowAnonymousTriggerBodyIsRefusedBeforeItIsSent() throws Exception {
		try (SlowBody slow = SlowBody.open(this.port, "POST", "/api/v1/workflow/jobs/model-monitoring/trigger",
				"application/json", null)) {
			long start = System.nanoTime();
			String head = slow.responseHead(Duration.ofSeconds(5));
			long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

			assertThat(head).startsWith("HTTP/1.1 401").containsIgnoringCase("Connection: close");
			assertThat(slow.closedByServer(Duration.ofSeconds(5))).as("connection closed").isTrue();
			System.out.printf("workflow-orchestrator: a trigger body that never ends, no token: 401 after %d ms%n",
					millis);
		}
		assertThat(this.rabbit.receive(QUEUE, Duration.ofMillis(200))).as("no trigger published").isNull();
	}

	/**
	 * A token in a cookie or in the URL, in the forms that used to pass the refusal:
	 * refused, and the token in no log line, with Tomcat and Spring at INFO, then DEBUG.
	 */
	@Test
	void aTokenInACookieOrTheUrlIsRefusedAndNeverLogged(CapturedOutput output) throws Exception {
		String token = TestTokens.WORKFLOW_ORCHESTRATOR.valid();
		for (LogLevel level : new LogLevel[] { null, LogLevel.DEBUG }) {
			this.logging.setLogLevel("org.apache", level);
			this.logging.setLogLevel("org.springframework.security", level);
			try {
				HttpResponse<String> cookie = this.http.send(
						HttpRequest.newBuilder(uri("")).header("Cookie", "Authorization=Bearer " + token).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(cookie.statusCode()).isEqualTo(401);
				for (String query : List.of("?ACCESS_TOKEN=", "?access%5Ftoken=", ";access_token=", "?token=")) {
					HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri(query + token)).build(),
							HttpResponse.BodyHandlers.ofString());
					assertThat(response.statusCode()).as(query).isEqualTo(401);
					assertThat(response.body()).doesNotContain(token);
				}
			}
			finally {
				this.logging.setLogLevel("org.apache", null);
				this.logging.setLogLevel("org.springframework.security", null);
			}
		}
		assertThat(output.getAll()).doesNotContain(token);
	}

	/**
	 * The body cap through Tomcat; its logic, and the tenant-id limits, are tested
	 * elsewhere (service-security, {@link JobsControllerTests}).
	 */
	@Test
	void anOversizedBodyIsRefusedWith413() throws Exception {
		// 300 KB: over the default cap of 256 KB.
		HttpResponse<String> large = post("/model-monitoring/trigger",
				"{\"triggeredBy\": \"" + "x".repeat(300 * 1024) + "\"}");
		assertThat(large.statusCode()).isEqualTo(413);
		assertThat(large.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(large.body()).path("type").asString())
			.isEqualTo("urn:model-monitoring:problem:payload-too-large");
	}

	/**
	 * The trigger with the id, from the test's batch-jobs queue; others are passed over.
	 */
	private Message receive(String triggerId) {
		Instant deadline = Instant.now().plus(RECEIVE_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			Message message = this.rabbit.receive(QUEUE, Duration.between(Instant.now(), deadline));
			if (message != null && triggerId.equals(message.getMessageProperties().getMessageId())) {
				return message;
			}
		}
		return fail("no trigger %s on queue %s within %s", triggerId, QUEUE, RECEIVE_TIMEOUT);
	}

	private JsonNode receiveJson(String triggerId) {
		return this.json.readTree(new String(receive(triggerId).getBody(), StandardCharsets.UTF_8));
	}

	/** A request with a valid token, as an operator's tooling sends it. */
	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + TestTokens.WORKFLOW_ORCHESTRATOR.valid())
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + TestTokens.WORKFLOW_ORCHESTRATOR.valid())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + "/api/v1/workflow/jobs" + path);
	}

	private static List<String> fieldNames(JsonNode node) {
		return new ArrayList<>(node.propertyNames());
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	/**
	 * What Tomcat refuses itself, before any filter (a raw socket sends the path as
	 * written): problem+json, not Tomcat's HTML page, and nothing of the path quoted
	 * back.
	 */
	@ParameterizedTest(name = "{0}")
	@org.junit.jupiter.params.provider.ValueSource(strings = { "/api/v1/workflow/jobs/a%2Fb/trigger",
			"/api/v1/workflow/jobs/%zz/trigger", "/api/v1/workflow/jobs/{x}/trigger" })
	void aPathTomcatRefusesItselfIsA400Problem(String path) throws Exception {
		String answer;
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("POST " + path
						+ " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json");
		String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
		assertThat(this.json.readTree(body).path("type").asString())
			.isEqualTo("urn:model-monitoring:problem:invalid-request");
		assertThat(body).doesNotContain("jobs/").doesNotContain("<html");
	}

}
