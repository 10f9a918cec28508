package io.modelmonitoring.mlservice.monitoring;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The segment story of {@link SegmentMonitoringIntegrationTests}, its lake scanned by the
 * job on a real Spark standalone cluster ({@code data_lake.engine: spark} and the master,
 * nothing else): the run's answer and its events must be the same, segments, features and
 * alert states included. Needs {@code scripts/spark-local.sh start}; the test command
 * starts it.
 */
class SparkEngineIntegrationTests extends SegmentMonitoringIntegrationTests {

	@DynamicPropertySource
	static void spark(DynamicPropertyRegistry registry) {
		registry.add("data_lake.engine", () -> "spark");
		registry.add("data_lake.spark.master", () -> "spark://127.0.0.1:7077");
	}

	@BeforeAll
	static void clusterIsUp() {
		for (int port : new int[] { 7077, 6066 }) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			}
			catch (IOException ex) {
				throw new IllegalStateException(
						"no Spark standalone master answers on 127.0.0.1:" + port
								+ "; start the local cluster with scripts/spark-local.sh start (the test command does)",
						ex);
			}
		}
	}

}
