package io.modelmonitoring.security;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.modelmonitoring.testsupport.RawHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	/**
	 * Tomcat's refusals, and a header of 6 KB: under Tomcat's default limit, over the one
	 * set here.
	 */
	static List<RawHttp.Refused> refusals() {
		List<RawHttp.Refused> refusals = new ArrayList<>(RawHttp.refusedByTomcat("/api/test"));
		refusals.add(new RawHttp.Refused("header over server.max-http-request-header-size",
				"GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "x".repeat(6 * 1024) + "\r\n\r\n",
				"xxxx"));
		return refusals;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusals")
	void tomcatsOwnRefusalsAreProblemJsonOnBothPorts(RawHttp.Refused refused) {
		for (int target : new int[] { this.port, this.managementPort }) {
			RawHttp.Answer answer = RawHttp.send(target, refused.head());
			assertThat(answer.status()).as("%s on port %d: %s", refused, target, answer).isEqualTo(400);
			assertThat(answer.header("Content-Type")).as(refused.name()).isEqualTo("application/problem+json");
			JsonNode problem = JSON.readTree(answer.body());
			assertThat(problem.path("type").asString()).isEqualTo("urn:model-monitoring:problem:invalid-request");
			assertThat(problem.path("status").asInt()).isEqualTo(400);
			assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
			// Tomcat's own message quotes the request target; the answer does not.
			assertThat(answer.body()).doesNotContain(refused.quoted());
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

}
