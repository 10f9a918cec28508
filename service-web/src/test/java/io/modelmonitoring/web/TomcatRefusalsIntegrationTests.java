package io.modelmonitoring.web;

import java.util.List;

import io.modelmonitoring.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain web application with the module and nothing else (no Spring Security): what
 * Tomcat refuses itself, before any filter, is problem+json on the main port and on a
 * separate management port, sent over raw sockets since HTTP clients will not send such
 * requests.
 */
@SpringBootTest(classes = TomcatRefusalsIntegrationTests.PlainApp.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoints.web.exposure.include=health" })
class TomcatRefusalsIntegrationTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	static List<RawHttp.Refused> refusals() {
		return RawHttp.refusedByTomcat("/actuator/health");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusals")
	void tomcatsOwnRefusalsAreProblemJsonOnBothPorts(RawHttp.Refused refused) {
		for (int target : new int[] { this.port, this.managementPort }) {
			TomcatRefusals.assertProblem(RawHttp.send(target, refused.head()), refused, target);
		}
	}

	/** The ports answer what they should, and the management port has its own Tomcat. */
	@Test
	void aValidRequestIsAnsweredAsBefore() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		RawHttp.Answer health = RawHttp.send(this.managementPort,
				"GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"UP\"");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PlainApp {

	}

}
