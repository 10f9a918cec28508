package io.modelmonitoring.systemtests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker-outage and crash-takeover drills with the timings the services ship: the
 * 2-minute lease, the 60 s idempotent wait, the worker's shipped retries (waits of 10,
 * 20, 40, 80 and 160 s), the 5 s relay and the 2-minute outbox claim. The fast suite
 * ({@link FaultToleranceSystemTests}) shortens them, which could hide timings that do not
 * cover each other; here the worker's patience must outlast the real lease. Only the
 * pause that puts a run "in the middle" is a test setting. About three minutes: the
 * take-over comes after the lease has lapsed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShippedTimingsFaultSystemTests extends FaultSuite {

	/** The worker's shipped retries span 310 s; a take-over comes within them. */
	private static final Duration SETTLE = Duration.ofMinutes(6);

	ShippedTimingsFaultSystemTests() {
		super(SETTLE);
	}

	@BeforeAll
	void start() throws Exception {
		Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
		this.system = SystemUnderTest.startWithShippedTimings(root,
				Map.of("MODEL_MONITORING_RUNS_PAUSE_BEFORE_EVENTS", "4s"));
	}

	@AfterAll
	void stop() throws Exception {
		if (this.system != null) {
			this.system.close();
		}
	}

	@Test
	@Order(1)
	void brokerConnectionsClosedMidRunLeaveEventsPendingThenDelivered() {
		List<String> tenants = tenants(1);
		String trigger = newTrigger();
		this.system.tap.trigger(trigger, tenants);
		awaitRunning(trigger);
		this.system.broker.deny();
		this.system.broker.closeConnections();
		await().atMost(SETTLE).until(() -> "completed".equals(status(trigger)));
		Document result = this.system.runOf(trigger).get("result", Document.class);
		assertThat(result.getInteger("eventsPending")).isEqualTo(2);
		long restored = System.nanoTime();
		this.system.broker.allow();
		assertExactlyOnce(trigger, tenants);
		System.out.printf("shipped timings: events pending after a broker outage delivered %d ms after it ended%n",
				Duration.ofNanos(System.nanoTime() - restored).toMillis());
	}

	@Test
	@Order(2)
	void mlServiceKilledMidRunIsTakenOverOnceTheRealLeaseLapses() throws Exception {
		List<String> tenants = tenants(1);
		String trigger = newTrigger();
		this.system.tap.trigger(trigger, tenants);
		awaitRunning(trigger);
		long killed = System.nanoTime();
		this.system.mlService().kill();
		this.system.startMlService();
		long back = System.nanoTime();
		assertExactlyOnce(trigger, tenants);
		Document run = this.system.runOf(trigger);
		assertThat(run.getInteger("attempts")).isEqualTo(2);
		assertThat(this.system.tap.outcomesOf(trigger).get(0).body().path("data").path("attempts").asInt())
			.as("worker attempts")
			.isGreaterThan(1);
		System.out.printf("shipped timings: ml-service killed mid-run, back after %d s, outcome %d s after the kill%n",
				Duration.ofNanos(back - killed).toSeconds(), Duration.ofNanos(System.nanoTime() - killed).toSeconds());
	}

	@Test
	@Order(3)
	void everyTriggerEndedExactlyOnceAndNothingIsStuck() {
		for (String trigger : this.triggers) {
			assertThat(this.system.tap.outcomesOf(trigger)).as("outcomes of %s", trigger).hasSize(1);
			assertThat(this.system.runsOf(trigger)).as("runs of %s", trigger).isEqualTo(1);
		}
		assertThat(this.system.pendingEvents()).isZero();
		assertThat(this.system.runningRuns()).isZero();
	}

}
