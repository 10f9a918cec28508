package io.modelmonitoring.mlservice.monitoring;

import io.modelmonitoring.scan.remote.LocalSparkCluster;
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
		registry.add("data_lake.spark.master", () -> LocalSparkCluster.MASTER);
	}

	@BeforeAll
	static void clusterIsUp() {
		LocalSparkCluster.requireRunning();
	}

}
