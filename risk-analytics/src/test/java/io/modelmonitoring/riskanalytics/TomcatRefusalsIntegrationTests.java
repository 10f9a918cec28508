package io.modelmonitoring.riskanalytics;

import java.util.List;

import io.modelmonitoring.riskanalytics.support.TestBroker;
import io.modelmonitoring.testsupport.RawHttp;
import io.modelmonitoring.web.TomcatRefusals;
import io.modelmonitoring.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker with health and metrics on a port of their own
 * ({@code MANAGEMENT_SERVER_PORT}): what Tomcat refuses itself, before any of the
 * application runs, is problem+json on both ports (it was Tomcat's HTML page, quoting the
 * request), sent over raw sockets since HTTP clients will not send such requests. The
 * worker checks no tokens and stays without Spring Security: health stays open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class TomcatRefusalsIntegrationTests {

	static final TestBroker broker = TestBroker.start();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.rabbitmq.addresses", TestServers::rabbitAddresses);
		registry.add("messaging.exchange", () -> broker.exchange);
		registry.add("messaging.batch_jobs_queue", () -> broker.queue);
		registry.add("batch_jobs.worker.error_queue", () -> broker.errorQueue);
		registry.add("services.ml_service.url", () -> "http://127.0.0.1:" + TestServers.closedPort());
	}

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@AfterAll
	static void deleteQueues(@Autowired RabbitListenerEndpointRegistry listeners) {
		listeners.stop();
		broker.close();
	}

	static List<RawHttp.Refused> refusals() {
		return RawHttp.refusedByTomcat("/actuator/health");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusals")
	void tomcatsOwnRefusalsAreProblemJsonOnBothPorts(RawHttp.Refused refused) {
		for (int target : new int[] { this.port, this.managementPort }) {
			RawHttp.Answer answer = RawHttp.send(target, refused.head());

			TomcatRefusals.assertProblem(answer, refused, target);
		}
	}

	@Test
	void healthStaysOpenAndNoSpringSecurityCameAlong() {
		RawHttp.Answer health = RawHttp.send(this.managementPort,
				"GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
		assertThat(health.status()).as(health.toString()).isEqualTo(200);
		assertThat(health.header("WWW-Authenticate")).isNull();
		assertThat(ClassUtils.isPresent("org.springframework.security.web.SecurityFilterChain", null)).isFalse();
	}

}
