package io.modelmonitoring.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.modelmonitoring.systemtests.MessageTap.Received;
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
class FaultToleranceSystemTests {

	private static final Duration SETTLE = Duration.ofSeconds(90);

	private SystemUnderTest system;

	private final List<String> triggers = new ArrayList<>();

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
	 * Waits until the trigger's outcome arrived and a barrier trigger published after it
	 * was handled (so a duplicate delivery ahead of it would have been handled too), then
	 * checks one outcome, two events per tenant each once, outbox and runs settled. Every
	 * run here reads past the lake's corrupt .jsonl.gz: the drift events say it did.
	 */
	private void assertExactlyOnce(String trigger, List<String> tenants) {
		await().atMost(SETTLE).until(() -> !this.system.tap.outcomesOf(trigger).isEmpty());
		String barrier = "barrier-" + UUID.randomUUID();
		this.system.tap.barrier(barrier);
		await().atMost(SETTLE).until(() -> !this.system.tap.outcomesOf(barrier).isEmpty());
		await().atMost(SETTLE).until(() -> this.system.pendingEvents() == 0);
		await().atMost(SETTLE).until(() -> this.system.tap.eventsOf(tenants).size() >= 2 * tenants.size());

		List<Received> outcomes = this.system.tap.outcomesOf(trigger);
		assertThat(outcomes).as("outcomes of trigger %s", trigger).hasSize(1);
		assertThat(outcomes.get(0).type()).isEqualTo("workflow.job.completed");
		String runId = outcomes.get(0).body().path("data").path("runId").asString();

		List<Received> events = this.system.tap.eventsOf(tenants);
		assertThat(events).as("events of %s", tenants).hasSize(2 * tenants.size());
		assertThat(events.stream().map(Received::messageId).distinct()).hasSize(events.size());
		assertThat(events.stream().map(Received::finding).distinct()).hasSize(events.size());
		assertThat(events)
			.allSatisfy((event) -> assertThat(event.body().path("correlationId").asString()).isEqualTo(runId));
		assertThat(events.stream().filter((event) -> event.type().equals("ml.model.drift.detected")))
			.hasSize(tenants.size());
		assertThat(this.system.runsOf(trigger)).isEqualTo(1);
		assertThat(status(trigger)).isEqualTo("completed");
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

	private void awaitRunning(String trigger) {
		await().atMost(SETTLE).pollInterval(Duration.ofMillis(100)).until(() -> "running".equals(status(trigger)));
	}

	private String status(String trigger) {
		Document run = this.system.runOf(trigger);
		return (run != null) ? run.getString("status") : null;
	}

	private String newTrigger() {
		String trigger = "trigger-" + UUID.randomUUID();
		this.triggers.add(trigger);
		return trigger;
	}

	private List<String> tenants(int count) {
		List<String> tenants = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
			this.system.degraded(tenant);
			this.system.lake.drifting(tenant);
			tenants.add(tenant);
		}
		return tenants;
	}

}
