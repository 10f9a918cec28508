package io.modelmonitoring.orchestrator.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.MongoTimeoutException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelmonitoring.orchestrator.trigger.JobTriggerPublisher;
import io.modelmonitoring.orchestrator.trigger.TriggerMetrics;
import io.modelmonitoring.orchestrator.trigger.TriggerNotPublishedException;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * One fire of the schedule, with the lock store and the publisher stood in for: who
 * publishes, and what happens when the lock or the publish fails.
 */
class BatchJobSchedulerTests {

	static final Instant NOW = Instant.parse("2026-11-22T06:00:00.004Z");

	final BatchJobsProperties properties = new BatchJobsProperties("0 6 * * 0", "UTC",
			new BatchJobsProperties.Lock(Duration.ofMinutes(30), Duration.ofMinutes(5)));

	final ScheduledJob job = this.properties.jobs().get(0);

	final MeterRegistry registry = new SimpleMeterRegistry();

	final TriggerMetrics metrics = new TriggerMetrics(this.registry, this.properties);

	final JobTriggerPublisher publisher = mock(JobTriggerPublisher.class);

	final AtomicInteger unlocked = new AtomicInteger();

	LockConfiguration asked;

	@Test
	void theReplicaHoldingTheLockPublishesAndReleasesIt() {
		scheduler((configuration) -> {
			this.asked = configuration;
			return Optional.of(this.unlocked::incrementAndGet);
		}).fire(this.job);

		verify(this.publisher).publish("model-monitoring", List.of(), "schedule");
		assertThat(this.unlocked).hasValue(1);
		assertThat(this.asked.getName()).isEqualTo("model-monitoring");
		assertThat(this.asked.getLockAtMostUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
		assertThat(this.asked.getLockAtLeastUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
	}

	@Test
	void aReplicaWithoutTheLockDoesNotPublish() {
		scheduler((configuration) -> Optional.empty()).fire(this.job);

		verify(this.publisher, never()).publish(anyString(), anyList(), anyString());
		assertThat(failures("lock")).isZero();
	}

	@Test
	void anUnreachableLockStoreIsCountedAndNothingIsPublished() {
		scheduler((configuration) -> {
			throw new MongoTimeoutException("Timed out while waiting for a server");
		}).fire(this.job);

		verify(this.publisher, never()).publish(anyString(), anyList(), anyString());
		assertThat(failures("lock")).isEqualTo(1);
	}

	@Test
	void aFailedPublishReleasesTheLockAndDoesNotStopTheSchedule() {
		given(this.publisher.publish(anyString(), anyList(), any())).willThrow(TriggerNotPublishedException.class);

		scheduler((configuration) -> Optional.of(this.unlocked::incrementAndGet)).fire(this.job);

		assertThat(this.unlocked).hasValue(1);
	}

	private BatchJobScheduler scheduler(LockProvider locks) {
		return new BatchJobScheduler(this.properties, locks, this.publisher, this.metrics,
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private double failures(String reason) {
		return this.registry.get("batch_job_trigger_failures")
			.tag("batch_job", "model-monitoring")
			.tag("reason", reason)
			.counter()
			.count();
	}

}
