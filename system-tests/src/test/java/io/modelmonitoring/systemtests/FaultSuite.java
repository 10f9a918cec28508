package io.modelmonitoring.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.modelmonitoring.systemtests.MessageTap.Received;
import org.bson.Document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the fault suites share: the system under test, the triggers a suite published, and
 * the check that a trigger ended exactly once.
 */
abstract class FaultSuite {

	SystemUnderTest system;

	final List<String> triggers = new ArrayList<>();

	/** How long an outcome, an event or a state may take to come. */
	private final Duration settle;

	FaultSuite(Duration settle) {
		this.settle = settle;
	}

	/**
	 * Waits until the trigger's outcome arrived and a barrier trigger published after it
	 * was handled (so a duplicate delivery ahead of it would have been handled too), then
	 * checks one outcome, two events per tenant each once, outbox and runs settled. Every
	 * run here reads past the lake's corrupt .jsonl.gz: the drift events say it did.
	 */
	void assertExactlyOnce(String trigger, List<String> tenants) {
		await().atMost(this.settle).until(() -> !this.system.tap.outcomesOf(trigger).isEmpty());
		String barrier = "barrier-" + UUID.randomUUID();
		this.system.tap.barrier(barrier);
		await().atMost(this.settle).until(() -> !this.system.tap.outcomesOf(barrier).isEmpty());
		await().atMost(this.settle).until(() -> this.system.pendingEvents() == 0);
		await().atMost(this.settle).until(() -> this.system.tap.eventsOf(tenants).size() >= 2 * tenants.size());

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

	void awaitRunning(String trigger) {
		await().atMost(this.settle).pollInterval(Duration.ofMillis(100)).until(() -> "running".equals(status(trigger)));
	}

	String status(String trigger) {
		Document run = this.system.runOf(trigger);
		return (run != null) ? run.getString("status") : null;
	}

	String newTrigger() {
		String trigger = "trigger-" + UUID.randomUUID();
		this.triggers.add(trigger);
		return trigger;
	}

	List<String> tenants(int count) {
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
