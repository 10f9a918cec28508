package io.modelmonitoring.mlservice.monitoring;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.nimbusds.jwt.JWTClaimsSet;
import io.modelmonitoring.mlservice.performance.Evaluation;
import io.modelmonitoring.mlservice.performance.EvaluationStore;
import io.modelmonitoring.security.testing.SlowBody;
import io.modelmonitoring.security.testing.TestTokens;
import io.modelmonitoring.security.testing.TestJwts;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacks of the security issue against the running service (shared secret, issuer
 * configured): one of each kind is refused with 401 or 403 problem+json, and no token
 * reaches the log, which runs at DEBUG for Spring Security meanwhile. Then the hostile
 * inputs only a running service has: oversized bodies (declared and chunked, through
 * Tomcat), slow ones, the largest body the cap lets through, tokens in cookies and URLs,
 * and tenant ids that look like query operators, down to the store. The token checks'
 * every variant and the filters' logic are service-security's own tests; the bad tenant
 * ids are {@link ModelMonitoringControllerTests}'.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecurityAttackIntegrationTests extends MonitoringIntegrationTestBase {

	static final String OTHER_SECRET = "another-secret-that-the-service-does-not-know-0123";

	static final String RUN_PATH = "/api/v1/ml/model-monitoring/run";

	/** Slow senders at once; the red team used 220, against Tomcat's 200 threads. */
	static final int SLOW_CONNECTIONS = 40;

	@Autowired
	LoggingSystem logging;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	EvaluationStore evaluations;

	@BeforeAll
	void verboseSecurityLogs() {
		this.logging.setLogLevel("org.springframework.security", LogLevel.DEBUG);
		this.logging.setLogLevel("io.modelmonitoring", LogLevel.DEBUG);
	}

	@AfterAll
	void quietSecurityLogs() {
		this.logging.setLogLevel("org.springframework.security", null);
		this.logging.setLogLevel("io.modelmonitoring", null);
	}

	/**
	 * One attack of each kind: no token, a forged signature, a claim of another service
	 * (its audience), no signature at all, and a good token without this API's scope.
	 * Their variants (expiry, not-before, issuer, no audience, malformed) are
	 * service-security's own cases.
	 */
	static Stream<Arguments> attacks() {
		return Stream.of(Arguments.of("no token", null, 401),
				Arguments.of("bad signature", TestJwts.hs256(TestTokens.ML_SERVICE.claims().build(), OTHER_SECRET),
						401),
				Arguments.of("wrong audience",
						TestJwts.hs256(TestTokens.ML_SERVICE.claims().audience("workflow-orchestrator").build(),
								TestTokens.SECRET),
						401),
				Arguments.of("alg none", TestJwts.unsigned(TestTokens.ML_SERVICE.claims().build()), 401),
				Arguments.of("valid for a year",
						TestJwts.hs256(TestTokens.ML_SERVICE.claims()
							.expirationTime(Date.from(Instant.now().plus(Duration.ofDays(365))))
							.build(), TestTokens.SECRET),
						401),
				Arguments.of("missing scope",
						TestJwts.hs256(TestTokens.ML_SERVICE.claims().claim("scope", "workflow:trigger").build(),
								TestTokens.SECRET),
						403));
	}

	@ParameterizedTest(name = "{0} -> {2}")
	@MethodSource("attacks")
	void aRunWithABadTokenIsRefused(String name, String token, int status, CapturedOutput output) throws Exception {
		HttpResponse<String> response = post("{\"tenantIds\": [\"tenant-1\"]}", token);

		assertProblem(response, status);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(header) -> assertThat(header).startsWith("Bearer").doesNotContain(String.valueOf(token)));
		assertThat(get401or403("/runs", token)).isEqualTo(status);
		if (token != null) {
			assertThat(response.body()).doesNotContain(token);
			assertThat(output.getAll()).doesNotContain(token);
		}
	}

	@Test
	void aTokenValidForLongerThanTheMaximumIsRefusedSayingSo() throws Exception {
		String yearLong = TestJwts.hs256(TestTokens.ML_SERVICE.claims()
			.expirationTime(Date.from(Instant.now().plus(Duration.ofDays(365))))
			.build(), TestTokens.SECRET);
		HttpResponse<String> response = post("{\"tenantIds\": [\"tenant-1\"]}", yearLong);
		assertProblem(response, 401);
		assertThat(this.json.readTree(response.body()).path("detail").asString())
			.contains("security.jwt.max_token_lifetime (24h)");
	}

	/**
	 * Spring Security 7's RFC 9728 metadata, which answered anyone, named the Host header
	 * it was sent as the resource and claimed certificate-bound tokens, is not served.
	 */
	@Test
	void theProtectedResourceMetadataIsNotServed() throws Exception {
		for (String path : List.of("/.well-known/oauth-protected-resource",
				"/.well-known/oauth-protected-resource/api/v1/ml/model-monitoring/run")) {
			HttpResponse<String> anonymous = this.http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertProblem(anonymous, 401);
			assertThat(anonymous.body()).doesNotContain("tls_client_certificate_bound_access_tokens");
			assertThat(actuator(path, TestTokens.ML_SERVICE.valid())).as(path).isEqualTo(404);
		}
	}

	/**
	 * A run whose body has barely begun and never goes on, without a token: answered 401
	 * before the client has sent it (it used to be read to its end first), and the
	 * connection closed rather than the rest awaited.
	 */
	@Test
	void aSlowAnonymousBodyIsRefusedBeforeItIsSent() throws Exception {
		try (SlowBody slow = SlowBody.open(this.port, "POST", RUN_PATH, "application/json", null)) {
			long start = System.nanoTime();
			String head = slow.responseHead(Duration.ofSeconds(5));
			long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

			assertThat(head).startsWith("HTTP/1.1 401").containsIgnoringCase("Connection: close");
			assertThat(slow.closedByServer(Duration.ofSeconds(5))).as("connection closed").isTrue();
			System.out.printf("ml-service: a run body that never ends, no token: 401 after %d ms%n", millis);
		}
	}

	/**
	 * {@value #SLOW_CONNECTIONS} anonymous run bodies that never end: a valid request is
	 * still answered at once (the red team's 220 made one take 5.5 s).
	 */
	@Test
	void aValidRequestIsFastWhileSlowAnonymousBodiesAreOpen() throws Exception {
		List<SlowBody> slow = new ArrayList<>();
		try {
			for (int i = 0; i < SLOW_CONNECTIONS; i++) {
				slow.add(SlowBody.open(this.port, "POST", RUN_PATH, "application/json", null));
			}
			List<Long> millis = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				long start = System.nanoTime();
				HttpResponse<String> response = get("/runs?tenantId=tenant-none&limit=1");
				millis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			}
			System.out.printf("ml-service: valid requests with %d slow anonymous bodies open: %s ms%n",
					SLOW_CONNECTIONS, millis);
			assertThat(millis).allSatisfy((took) -> assertThat(took).isLessThan(3_000));
		}
		finally {
			for (SlowBody body : slow) {
				body.close();
			}
		}
	}

	/**
	 * A token in a cookie, or in the URL in the forms that used to pass the refusal: each
	 * is refused, and the token reaches no log line, with Spring Security and the service
	 * at DEBUG (the class's) and Tomcat at INFO, then at DEBUG too.
	 */
	@Test
	void aTokenInACookieOrTheUrlIsRefusedAndNeverLogged(CapturedOutput output) throws Exception {
		String token = TestTokens.ML_SERVICE.valid();
		for (LogLevel tomcat : new LogLevel[] { null, LogLevel.DEBUG }) {
			this.logging.setLogLevel("org.apache", tomcat);
			try {
				HttpResponse<String> cookie = this.http.send(
						HttpRequest.newBuilder(uri("/runs")).header("Cookie", "Authorization=Bearer " + token).build(),
						HttpResponse.BodyHandlers.ofString());
				assertProblem(cookie, 401);
				for (String query : List.of("/runs?ACCESS_TOKEN=", "/runs?access%5Ftoken=", "/runs;access_token=",
						"/runs?tenantId=tenant-1&Access_Token=", "/runs?token=")) {
					HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri(query + token)).build(),
							HttpResponse.BodyHandlers.ofString());
					assertProblem(response, 401);
					assertThat(response.body()).doesNotContain(token);
				}
			}
			finally {
				this.logging.setLogLevel("org.apache", null);
			}
		}
		assertThat(output.getAll()).doesNotContain(token);
	}

	@Test
	void aTokenInTheQueryStringOrBasicCredentialsAreNotTaken(CapturedOutput output) throws Exception {
		String token = TestTokens.ML_SERVICE.valid();
		HttpResponse<String> query = this.http.send(HttpRequest.newBuilder(uri("/runs?access_token=" + token)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertProblem(query, 401);
		HttpResponse<String> basic = this.http.send(
				HttpRequest.newBuilder(uri("/runs")).header("Authorization", "Basic dXNlcjpwYXNzd29yZA==").build(),
				HttpResponse.BodyHandlers.ofString());
		assertProblem(basic, 401);
		assertThat(output.getAll()).doesNotContain(token);
	}

	@Test
	void aValidTokenIsTakenAndNotLogged(CapturedOutput output) throws Exception {
		String token = TestTokens.ML_SERVICE.valid();
		HttpResponse<String> response = post("{\"tenantIds\": [\"tenant-none\"], \"asOf\": \"2026-11-22T06:00:00Z\"}",
				token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(output.getAll()).doesNotContain(token);
	}

	@Test
	void healthAndPrometheusAreOpenAndTheOtherActuatorEndpointsAreOff() throws Exception {
		// Health answers without a token (503 here: mongo-java-server lacks the hello
		// command Boot's MongoDB health check sends, so the whole is DOWN).
		assertThat(actuator("/actuator/health", null)).isIn(200, 503);
		assertThat(actuator("/actuator/health/liveness", null)).isEqualTo(200);
		assertThat(actuator("/actuator/prometheus", null)).isEqualTo(200);
		// Off: without a token they are refused before anything else; with one, not
		// found.
		for (String endpoint : List.of("/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator")) {
			assertThat(actuator(endpoint, null)).as(endpoint).isEqualTo(401);
			assertThat(actuator(endpoint, TestTokens.ML_SERVICE.valid())).as(endpoint).isEqualTo(404);
		}
	}

	@Test
	void exactlyOneThousandTenantIdsOfTheLongestKindAreTaken() throws Exception {
		// 1000 ids of 128 characters: about 131 KB, within the 256 KB cap.
		String tenantIds = IntStream.range(0, 1000)
			.mapToObj((i) -> "\"" + String.format("%0128d", i) + "\"")
			.collect(Collectors.joining(",", "[", "]"));
		HttpResponse<String> response = post("{\"tenantIds\": " + tenantIds + ", \"asOf\": \"2026-11-22T06:00:00Z\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(this.json.readTree(response.body()).path("tenants").asInt()).isEqualTo(1000);
	}

	@Test
	void aBodyOverTheCapIsRefusedWith413() throws Exception {
		// 300 KB of padding: over the default cap of 256 KB (262144 bytes).
		String body = "{\"tenantIds\": [\"tenant-1\"], \"padding\": \"" + "x".repeat(300 * 1024) + "\"}";
		assertPayloadTooLarge(post(body));

		// The same without a Content-Length (chunked): read up to the cap, then refused.
		HttpResponse<String> chunked = this.http.send(HttpRequest.newBuilder(uri("/run"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + TestTokens.ML_SERVICE.valid())
			.POST(HttpRequest.BodyPublishers
				.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertPayloadTooLarge(chunked);
	}

	@Test
	void aChunkedBodyUnderTheCapIsReadAsUsual() throws Exception {
		byte[] body = "{\"tenantIds\": [\"tenant-none\"], \"asOf\": \"2026-11-22T06:00:00Z\"}"
			.getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/run"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + TestTokens.ML_SERVICE.valid())
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	/**
	 * The stores take tenant ids as values only: an id that reads like an operator
	 * matches the documents holding that very string, and nothing else.
	 */
	@Test
	void operatorLikeTenantIdsMatchNothingInTheStores() {
		Date createdAt = Date.from(AS_OF.minus(Duration.ofDays(1)));
		this.mongo.insert(List.of(
				new Document("_id", "injection-a").append("tenantId", "tenant-injection")
					.append("modelId", "m")
					.append("createdAt", createdAt)
					.append("brier", 0.1),
				new Document("_id", "injection-literal").append("tenantId", "$where")
					.append("modelId", "m")
					.append("createdAt", createdAt)
					.append("brier", 0.1)),
				"ml_evaluations");
		long before = this.mongo.getCollection("ml_evaluations").countDocuments();
		try {
			for (String hostile : List.of("{\"$ne\": null}", "{\"$gt\": \"\"}", "$ne", "this.tenantId != ''",
					"{\"$where\": \"sleep(100) || true\"}")) {
				assertThat(this.evaluations.newest(hostile, AS_OF, 100)).as(hostile).isEmpty();
			}
			assertThat(this.evaluations.newest("$where", AS_OF, 100)).extracting(Evaluation::id)
				.containsExactly("injection-literal");
			assertThat(this.mongo.getCollection("ml_evaluations").countDocuments()).isEqualTo(before);
		}
		finally {
			this.mongo.remove(Query.query(Criteria.where("_id").in("injection-a", "injection-literal")),
					"ml_evaluations");
		}
	}

	/** Each a dry run, so that a body wrongly taken moves no other test's alerts. */
	static Stream<Arguments> bodiesThatWouldWidenOrBreakARun() {
		return Stream.of(
				Arguments.of("a duplicate key, the second widening the run to every tenant",
						"{\"tenantIds\": [\"tenant-1\"], \"dryRun\": true, \"tenantIds\": []}", "tenantIds"),
				Arguments.of("an asOf at the start of time",
						"{\"asOf\": \"-999999999-01-01T00:00:00Z\", \"dryRun\": true}", "asOf"),
				Arguments.of("a numeric asOf past what an instant holds", "{\"asOf\": 1e300, \"dryRun\": true}",
						"asOf"),
				Arguments.of("an asOf of 1970", "{\"asOf\": \"1970-01-01T00:00:00Z\", \"dryRun\": true}", "asOf"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("bodiesThatWouldWidenOrBreakARun")
	void aBodyThatWouldWidenOrBreakARunIsA400NamingTheField(String name, String body, String field,
			CapturedOutput output) throws Exception {
		HttpResponse<String> response = post(body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo("urn:model-monitoring:problem:invalid-request");
		assertThat(problem.path("fields").toString()).isEqualTo("[\"" + field + "\"]");
		assertThat(output.getAll()).doesNotContain("request failed unexpectedly");
	}

	/**
	 * The byte 0x85 sent raw (an HTTP client of Java's would not send it): Tomcat reads
	 * it as U+0085, a line break to some log viewers.
	 */
	@Test
	void anIdempotencyKeyOutsidePrintableAsciiIsA400NamingIt(CapturedOutput output) throws Exception {
		byte[] body = "{\"tenantIds\": [\"tenant-none\"], \"dryRun\": true}".getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.write(("POST /api/v1/ml/model-monitoring/run HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ "Content-Type: application/json\r\nAuthorization: Bearer " + TestTokens.ML_SERVICE.valid()
				+ "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\nIdempotency-Key: key-")
			.getBytes(StandardCharsets.US_ASCII));
		request.write(0x85);
		request.write("-1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		request.write(body);
		String answer;
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.toByteArray());
			answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		assertThat(answer).startsWith("HTTP/1.1 400");
		assertThat(answer).contains("\"type\":\"urn:model-monitoring:problem:invalid-request\"")
			.contains("not allowed")
			.doesNotContain("\u0085");
		assertThat(output.getAll()).doesNotContain("request failed unexpectedly");
	}

	/**
	 * An encoded semicolon passes Tomcat and meets Spring Security's firewall. (An
	 * encoded slash is refused by Tomcat itself: see the next test.)
	 */
	@Test
	void aPathTheFirewallRefusesIsA400Problem() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/runs/a%3Bb"))
			.header("Authorization", "Bearer " + TestTokens.ML_SERVICE.valid())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(response.body()).path("type").asString())
			.isEqualTo("urn:model-monitoring:problem:invalid-request");
	}

	/**
	 * What Tomcat refuses itself, before any filter (sent over a raw socket, which sends
	 * the path as written): problem+json, not Tomcat's HTML page, and nothing of the path
	 * quoted back.
	 */
	@ParameterizedTest(name = "{0}")
	@org.junit.jupiter.params.provider.ValueSource(strings = { "/api/v1/ml/model-monitoring/runs/a%2Fb",
			"/api/v1/ml/model-monitoring/runs/%zz", "/api/v1/ml/model-monitoring/runs/{x}" })
	void aPathTomcatRefusesItselfIsA400Problem(String path) throws Exception {
		String answer;
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json");
		String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
		assertThat(this.json.readTree(body).path("type").asString())
			.isEqualTo("urn:model-monitoring:problem:invalid-request");
		assertThat(body).doesNotContain("runs/").doesNotContain("<html");
	}

	private void assertPayloadTooLarge(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo("urn:model-monitoring:problem:payload-too-large");
		assertThat(problem.path("detail").asString()).contains("security.max_request_body");
	}

	private void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("type").asString()).isEqualTo((status == 401)
				? "urn:model-monitoring:problem:unauthorized" : "urn:model-monitoring:problem:forbidden");
		assertThat(problem.path("detail").asString()).isNotBlank();
	}

	private int get401or403(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	private int actuator(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
	}

}
