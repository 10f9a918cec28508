package io.modelmonitoring.systemtests;

import java.nio.file.Files;
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
 * The services from their jars under faults: a duplicate trigger, the broker's
 * connections closed (and logins refused) in the middle of a run, ml-service killed and
 * started again in the middle of a run, the worker killed in the middle of its call,
 * MongoDB unreachable, and a corrupt {@code .jsonl.gz} that every run reads past. After
 * each: the trigger ended in exactly one {@code workflow.job.completed}, every finding
 * was published exactly once, the outbox is drained and no run is left running.
 *
 * <p>
 * Each trigger names tenants of its own, each with one degraded Brier and one drifting
 * model: two events per tenant. ml-service pauses every run for four seconds between its
 * checks and its events ({@code model_monitoring.runs.pause_before_events}), so "the
 * middle of a run" is a state the test waits for (the run stored as running), not a
 * guess.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceSystemTests extends FaultSuite {

	private static final Duration SETTLE = Duration.ofSeconds(90);

	FaultToleranceSystemTests() {
		super(SETTLE);
	}

	@BeforeAll
	void start() throws Exception {
		Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
		this.system = SystemUnderTest.start(root, Map.of("MODEL_MONITORING_RUNS_PAUSE_BEFORE_EVENTS", "4s"), Map.of());
	}

	@AfterAll
	void stop() throws Exception {
		if (this.system != null) {
			this.system.close();
		}
	}

	@Test
	@Order(1)
	void aDuplicateTriggerIsOneRun() {
		List<String> tenants = tenants(2);
		String trigger = newTrigger();
		this.system.tap.trigger(trigger, tenants);
		this.system.tap.trigger(trigger, tenants);
		assertExactlyOnce(trigger, tenants);
	}

	@Test
	@Order(2)
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
		assertThat(result.getInteger("eventsPublished")).isZero();
		assertThat(this.system.pendingEvents()).isEqualTo(2);
		this.system.broker.allow();
		assertExactlyOnce(trigger, tenants);
	}

	@Test
	@Order(3)
	void mlServiceKilledMidRunIsTakenOverAfterItsRestart() throws Exception {
		List<String> tenants = tenants(1);
		String trigger = newTrigger();
		this.system.tap.trigger(trigger, tenants);
		awaitRunning(trigger);
		this.system.mlService().kill();
		this.system.startMlService();
		assertExactlyOnce(trigger, tenants);
		assertThat(this.system.runOf(trigger).getInteger("attempts")).isEqualTo(2);
	}

	@Test
	@Order(4)
	void workerKilledMidCallGetsTheRunsAnswerWhenTheTriggerIsRedelivered() throws Exception {
		List<String> tenants = tenants(1);
		String trigger = newTrigger();
		this.system.tap.trigger(trigger, tenants);
		awaitRunning(trigger);
		this.system.worker().kill();
		this.system.startWorker();
		assertExactlyOnce(trigger, tenants);
		assertThat(this.system.runOf(trigger).getInteger("attempts")).isEqualTo(1);
	}

	@Test
	@Order(5)
	void mongoDbUnreachableIsRetriedUntilItIsBack() {
		List<String> tenants = tenants(1);
		String trigger = newTrigger();
		this.system.mongoProxy.cut();
		this.system.tap.trigger(trigger, tenants);
		restoreMongoDbAfterAFailedAttempt(trigger, tenants);
	}

	@Test
	@Order(6)
	void mongoDbCutMidRunIsRetriedAndTheRunFinishesOnce() {
		List<String> tenants = tenants(1);
		String trigger = newTrigger();
		this.system.tap.trigger(trigger, tenants);
		awaitRunning(trigger);
		this.system.mongoProxy.cut();
		restoreMongoDbAfterAFailedAttempt(trigger, tenants);
	}

	@Test
	@Order(7)
	void everyTriggerOfTheSuiteEndedExactlyOnceAndNothingIsStuck() {
		for (String trigger : this.triggers) {
			assertThat(this.system.tap.outcomesOf(trigger)).as("outcomes of %s", trigger).hasSize(1);
			assertThat(this.system.runsOf(trigger)).as("runs of %s", trigger).isEqualTo(1);
		}
		assertThat(this.system.pendingEvents()).isZero();
		assertThat(this.system.runningRuns()).isZero();
	}

	/**
	 * Brings MongoDB back once the worker saw an attempt fail; the retry must end once.
	 */
	private void restoreMongoDbAfterAFailedAttempt(String trigger, List<String> tenants) {
		Path workerLog = this.system.worker().log();
		await().atMost(SETTLE).until(() -> Files.readString(workerLog).contains("attempt failed triggerId=" + trigger));
		this.system.mongoProxy.restore();
		assertExactlyOnce(trigger, tenants);
		assertThat(this.system.tap.outcomesOf(trigger).get(0).body().path("data").path("attempts").asInt())
			.isGreaterThan(1);
	}

}
