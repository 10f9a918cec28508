package io.modelmonitoring.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Tomcat answers itself, before any filter, on the main port and on a separate
 * management port: sent over raw sockets, because HTTP clients normalise or refuse such
 * requests before sending them. The management port's Tomcat, built in a child context,
 * answered them with Tomcat's HTML page; it has Spring Boot's {@code server.*} limits
 * (header size, connection timeout), which the test sets below their defaults to see them
 * hold there too.
 */
@SpringBootTest(classes = ServiceSecurityConfigurationTests.SecuredApp.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "security.jwt.hmac_secret=" + ServiceSecurityConfigurationTests.SECRET,
				"security.jwt.audience=" + ServiceSecurityConfigurationTests.AUDIENCE,
				"security.request_body_timeout=2s", "management.server.port=0",
				"management.endpoints.web.exposure.include=health", "server.max-http-request-header-size=4KB",
				"server.tomcat.connection-timeout=1s" })
class TomcatRefusalsIntegrationTests {

	/** Request heads Tomcat refuses before the application sees them. */
	static final String ENCODED_SLASH = "GET /api/test/a%2Fb HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

	static final String BAD_ESCAPE = "GET /api/test/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

	static final String INVALID_CHARACTER = "GET /api/test/{things} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

	static final String BAD_METHOD = "G(ET /api/test/things HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

	static final String HEADER_TOO_LARGE = "GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
			+ "x".repeat(6 * 1024) + "\r\n\r\n";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "encoded slash", "bad escape", "invalid character", "bad method", "header too large" })
	void tomcatsOwnRefusalsAreProblemJsonOnBothPorts(String refusal) throws Exception {
		String head = switch (refusal) {
			case "encoded slash" -> ENCODED_SLASH;
			case "bad escape" -> BAD_ESCAPE;
			case "invalid character" -> INVALID_CHARACTER;
			case "bad method" -> BAD_METHOD;
			default -> HEADER_TOO_LARGE;
		};
		for (int target : new int[] { this.port, this.managementPort }) {
			String answer = send(target, head);
			String status = answer.lines().findFirst().orElse("");
			assertThat(status).as("%s on port %d", refusal, target).startsWith("HTTP/1.1 400");
			assertThat(headers(answer)).as(refusal).containsIgnoringCase("Content-Type: application/problem+json");
			JsonNode problem = JSON.readTree(body(answer));
			assertThat(problem.path("type").asString()).isEqualTo("urn:model-monitoring:problem:invalid-request");
			assertThat(problem.path("status").asInt()).isEqualTo(400);
			assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
			// Tomcat's own message quotes the request target; the answer does not.
			assertThat(body(answer)).doesNotContain("things").doesNotContain("a%2Fb").doesNotContain("zz");
		}
	}

	/**
	 * Spring Boot's {@code server.tomcat.connection-timeout} (1 s here) holds on both
	 * ports: a connection that sends nothing is closed.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "main", "management" })
	void anIdleConnectionIsClosedOnBothPorts(String which) throws Exception {
		int target = which.equals("main") ? this.port : this.managementPort;
		try (Socket socket = new Socket("127.0.0.1", target)) {
			socket.setSoTimeout(5_000);
			long start = System.nanoTime();
			int read;
			try {
				read = socket.getInputStream().read();
			}
			catch (java.net.SocketException ex) {
				read = -1;
			}
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(read).as("%s: closed", which).isEqualTo(-1);
			assertThat(took).as(which).isLessThan(Duration.ofSeconds(4));
		}
	}

	private static String send(int port, String head) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(5_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try {
				for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
					received.write(buffer, 0, read);
					if (complete(received.toString(StandardCharsets.UTF_8))) {
						break;
					}
				}
			}
			catch (SocketTimeoutException | java.net.SocketException ex) {
				// what arrived is the answer
			}
			return received.toString(StandardCharsets.UTF_8);
		}
	}

	/** The head and as many body bytes as its Content-Length says. */
	private static boolean complete(String answer) {
		int end = answer.indexOf("\r\n\r\n");
		if (end < 0) {
			return false;
		}
		for (String line : answer.substring(0, end).split("\r\n")) {
			if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
				int length = Integer.parseInt(line.substring(15).trim());
				return answer.getBytes(StandardCharsets.UTF_8).length >= end + 4 + length;
			}
		}
		return false;
	}

	private static String headers(String answer) {
		int end = answer.indexOf("\r\n\r\n");
		return (end < 0) ? answer : answer.substring(0, end);
	}

	private static String body(String answer) {
		int end = answer.indexOf("\r\n\r\n");
		return (end < 0) ? "" : answer.substring(end + 4);
	}

}
