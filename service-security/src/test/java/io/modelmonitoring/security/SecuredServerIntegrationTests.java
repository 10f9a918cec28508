package io.modelmonitoring.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.modelmonitoring.security.testing.SlowBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module's lock on a running Tomcat, for what MockMvc cannot show: bodies that arrive
 * slowly, cookies, and what Tomcat itself reads and logs. The app has 8 request threads,
 * so that a handful of slow connections would take them all, and a body timeout of 2 s.
 */
@SpringBootTest(classes = ServiceSecurityConfigurationTests.SecuredApp.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "security.jwt.hmac_secret=" + ServiceSecurityConfigurationTests.SECRET,
				"security.jwt.issuer=" + ServiceSecurityConfigurationTests.ISSUER,
				"security.jwt.audience=" + ServiceSecurityConfigurationTests.AUDIENCE,
				"security.request_body_timeout=2s", "server.tomcat.threads.max=8",
				"server.tomcat.threads.min-spare=2" })
@ExtendWith(OutputCaptureExtension.class)
class SecuredServerIntegrationTests {

	/** More slow connections than the server has threads. */
	static final int SLOW_CONNECTIONS = 30;

	@LocalServerPort
	int port;

	@Autowired
	LoggingSystem logging;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/**
	 * A body that has barely begun (its first chunk sent, the rest never): without a
	 * token it is answered 401 before the client has finished sending it, and the server
	 * closes the connection rather than wait for the rest. A PUT of a form is no
	 * exception (Spring's form filter would read it).
	 */
	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "POST, application/json", "PUT, application/x-www-form-urlencoded" })
	void aSlowAnonymousBodyIsRefusedBeforeItIsSent(String method, String contentType) throws Exception {
		try (SlowBody slow = SlowBody.open(this.port, method, "/api/test/things", contentType, null)) {
			long start = System.nanoTime();
			String head = slow.responseHead(Duration.ofSeconds(5));
			Duration answered = Duration.ofNanos(System.nanoTime() - start);

			assertThat(head).startsWith("HTTP/1.1 401").containsIgnoringCase("Connection: close");
			assertThat(slow.closedByServer(Duration.ofSeconds(5))).as("connection closed, body not awaited").isTrue();
			System.out.printf("%s with a body that never ends, no token: 401 after %d ms%n", method,
					answered.toMillis());
		}
	}

	/**
	 * {@value #SLOW_CONNECTIONS} anonymous bodies that never end, on a server of 8
	 * threads: a valid request is still answered at once.
	 */
	@Test
	void aValidRequestIsFastWhileSlowAnonymousBodiesAreOpen() throws Exception {
		List<SlowBody> slow = new ArrayList<>();
		try {
			for (int i = 0; i < SLOW_CONNECTIONS; i++) {
				slow.add(SlowBody.open(this.port, "POST", "/api/test/things", "application/json", null));
			}
			List<Long> millis = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				long start = System.nanoTime();
				HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/api/test/things"))
					.header("Authorization", "Bearer " + ServiceSecurityConfigurationTests.token("test:run"))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
				millis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
				assertThat(response.statusCode()).isEqualTo(200);
			}
			System.out.printf("valid requests with %d slow anonymous bodies open (8 threads): %s ms%n",
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
	 * A caller with a valid token whose body trickles in is answered 408 once
	 * {@code security.request_body_timeout} (2 s) has passed.
	 */
	@Test
	void anAuthenticatedBodyThatTakesTooLongIsRefusedWith408() throws Exception {
		try (SlowBody slow = SlowBody.open(this.port, "POST", "/api/test/things", "application/json",
				ServiceSecurityConfigurationTests.token("test:run"))) {
			long start = System.nanoTime();
			String head = null;
			while (head == null && System.nanoTime() - start < Duration.ofSeconds(10).toNanos()) {
				slow.trickle();
				head = slow.responseHeadIfAny(Duration.ofMillis(250));
			}
			Duration answered = Duration.ofNanos(System.nanoTime() - start);

			assertThat(head).as("an answer").isNotNull().startsWith("HTTP/1.1 408");
			assertThat(head).containsIgnoringCase("Connection: close");
			assertThat(answered).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(6));
			System.out.printf("a body trickling in with a valid token: 408 after %d ms%n", answered.toMillis());
		}
	}

	/**
	 * A caller with a valid token whose body stops arriving: Tomcat's upload timeout ends
	 * the wait after 2 s.
	 */
	@Test
	void anAuthenticatedSenderThatFallsSilentIsCutOff() throws Exception {
		try (SlowBody slow = SlowBody.open(this.port, "POST", "/api/test/things", "application/json",
				ServiceSecurityConfigurationTests.token("test:run"))) {
			long start = System.nanoTime();
			String head = slow.responseHeadIfAny(Duration.ofSeconds(8));
			boolean closed = (head != null) || slow.closedByServer(Duration.ofSeconds(1));
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(closed).as("answered or closed").isTrue();
			if (head != null) {
				assertThat(head).startsWith("HTTP/1.1 408");
			}
			assertThat(took).isLessThan(Duration.ofSeconds(6));
			System.out.printf("a silent body with a valid token: %s after %d ms%n",
					(head != null) ? head.lines().findFirst().orElse("") : "closed", took.toMillis());
		}
	}

	/**
	 * A token in a cookie (where a browser-minded client puts it) or in the URL, in the
	 * variants that used to pass: each is refused, and the token is in no log line, at
	 * INFO (Tomcat logged an invalid cookie whole there) nor with Spring, Tomcat and the
	 * module at DEBUG.
	 */
	@Test
	void aTokenInACookieOrTheUrlNeverReachesTheLog(CapturedOutput output) throws Exception {
		String token = ServiceSecurityConfigurationTests.token("test:run");
		for (LogLevel level : new LogLevel[] { null, LogLevel.DEBUG }) {
			setLevel(level);
			try {
				for (String cookie : List.of("Authorization=Bearer " + token, "access_token=" + token,
						"SESSION=\"" + token + "\"")) {
					HttpResponse<String> response = this.http.send(
							HttpRequest.newBuilder(uri("/api/test/things")).header("Cookie", cookie).build(),
							HttpResponse.BodyHandlers.ofString());
					assertThat(response.statusCode()).as(cookie).isEqualTo(401);
				}
				for (String url : List.of("/api/test/things?ACCESS_TOKEN=", "/api/test/things?access%5Ftoken=",
						"/api/test/things;access_token=", "/api/test/things?limit=5&Access_Token=",
						"/api/test/things?token=")) {
					HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri(url + token)).build(),
							HttpResponse.BodyHandlers.ofString());
					assertThat(response.statusCode()).as(url).isEqualTo(401);
					assertThat(response.body()).doesNotContain(token);
				}
			}
			finally {
				setLevel(null);
			}
		}
		assertThat(output.getAll()).as("DEBUG was on").contains("Securing GET /api/test/things");
		assertThat(output.getAll()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.')));
	}

	private void setLevel(LogLevel level) {
		for (String logger : List.of("org.springframework", "org.apache", "io.modelmonitoring")) {
			this.logging.setLogLevel(logger, level);
		}
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
