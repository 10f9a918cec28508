package io.modelmonitoring.localstack;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A service that stops during its start says why, and whether its port was the reason
 * (the system tests then try another port), with the real risk-analytics jar.
 */
class ServiceProcessTests {

	private static final Path JAR = Path.of("")
		.toAbsolutePath()
		.getParent()
		.resolve("risk-analytics/target/risk-analytics-0.1.0-SNAPSHOT.jar");

	/**
	 * Enough for the worker to start: nothing here is called before its port is bound.
	 */
	private static final Map<String, String> WORKER = Map.of("SECURITY_JWT_HMAC_SECRET",
			"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "SERVICES_ML_SERVICE_URL", "http://127.0.0.1:9",
			"RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672");

	@Test
	void aServiceWhosePortIsTakenStopsAndSaysThePortWasTheReason(@TempDir Path logs) throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			ServiceProcess worker = ServiceProcess.start("risk-analytics", JAR, taken.getLocalPort(), WORKER, logs);
			try {
				assertThatIllegalStateException().isThrownBy(() -> worker.awaitHealthy(Duration.ofMinutes(2)))
					.withMessageContaining("risk-analytics stopped during start-up (exit code 1)")
					.withMessageContaining("Port " + taken.getLocalPort() + " was already in use");
				assertThat(worker.stoppedOnPortInUse()).isTrue();
			}
			finally {
				worker.close();
			}
		}
	}

	@Test
	void aServiceThatStopsForAnotherReasonIsNotTakenForAPortClash(@TempDir Path logs) throws Exception {
		// No secret and no token issuer: the worker refuses to start, before any port.
		Map<String, String> noSecret = Map.of("SERVICES_ML_SERVICE_URL", "http://127.0.0.1:9");
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		ServiceProcess worker = ServiceProcess.start("risk-analytics", JAR, port, noSecret, logs);
		try {
			assertThatIllegalStateException().isThrownBy(() -> worker.awaitHealthy(Duration.ofMinutes(2)))
				.withMessageContaining("risk-analytics stopped during start-up");
			assertThat(worker.stoppedOnPortInUse()).isFalse();
		}
		finally {
			worker.close();
		}
	}

}
