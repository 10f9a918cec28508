package io.modelmonitoring.orchestrator.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelmonitoring.contracts.JobTrigger;
import io.modelmonitoring.orchestrator.trigger.JobTriggerPublisher;
import io.modelmonitoring.orchestrator.trigger.TriggerMetrics;
import io.modelmonitoring.testsupport.TestServers;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Fires of the schedule, with the lock and the broker stood in for and the fires kept in
 * an in-process MongoDB: who publishes, and what becomes of a fire whose trigger cannot
 * be published when it comes (the misfire policy).
 */
class BatchJobSchedulerTests {

	static final Instant SUNDAY = Instant.parse("2026-11-22T06:00:00Z");

	final MutableClock clock = new MutableClock(SUNDAY.plusMillis(4));

	final MongoClient client = MongoClients.create(TestServers.mongoUri("unused"));

	final MongoTemplate mongo = new MongoTemplate(this.client,
			"scheduler_" + UUID.randomUUID().toString().substring(0, 8));

	final MeterRegistry registry = new SimpleMeterRegistry();

	final JobTriggerPublisher publisher = mock(JobTriggerPublisher.class);

	final List<JobTrigger> published = new ArrayList<>();

	final AtomicInteger unlocked = new AtomicInteger();

	LockConfiguration asked;

	@AfterEach
	void dropTheTestDatabase() {
		this.mongo.getDb().drop();
		this.client.close();
	}

	@Test
	void theReplicaHoldingTheLockPublishesTheTriggerOfTheScheduledTimeAndReleasesTheLock() {
		brokerTakes();
		Replica replica = replica(weekly(Duration.ofHours(6)), this::heldHere);

		replica.scheduler().fire(replica.job(), SUNDAY);

		assertThat(this.published).singleElement().satisfies((trigger) -> {
			assertThat(trigger.job()).isEqualTo("model-monitoring");
			assertThat(trigger.timestamp()).isEqualTo(SUNDAY);
			assertThat(trigger.triggeredBy()).isEqualTo("schedule");
			assertThat(trigger.metadata().tenantIds()).isEmpty();
		});
		assertThat(this.unlocked).hasValue(1);
		assertThat(this.asked.getName()).isEqualTo("model-monitoring");
		assertThat(this.asked.getLockAtMostUntil()).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(30)));
		assertThat(this.asked.getLockAtLeastUntil()).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(5)));
		Document fire = fire();
		assertThat(fire.getString("_id")).isEqualTo("model-monitoring@2026-11-22T06:00:00Z");
		assertThat(fire.getString("status")).isEqualTo("published");
		assertThat(fire.getString("triggerId")).isEqualTo(this.published.get(0).id());
	}

	@Test
	void aReplicaWithoutTheLockDoesNotPublish() {
		Replica replica = replica(weekly(Duration.ofHours(6)), (configuration) -> Optional.empty());

		replica.scheduler().fire(replica.job(), SUNDAY);

		verify(this.publisher, never()).tryPublish(any());
		assertThat(this.mongo.getCollection(ScheduledFires.COLLECTION).countDocuments()).isZero();
	}

	/** A replica whose clock runs behind by more than the lock's minimum hold. */
	@Test
	void aFireRecordedAlreadyIsNotPublishedAgain() {
		brokerTakes();
		BatchJobsProperties properties = weekly(Duration.ofHours(6));
		Replica first = replica(properties, this::heldHere);
		Replica late = replica(properties, this::heldHere);

		first.scheduler().fire(first.job(), SUNDAY);
		this.clock.advance(Duration.ofMinutes(6));
		late.scheduler().fire(late.job(), SUNDAY);

		assertThat(this.published).hasSize(1);
	}

	@Test
	void aTriggerTheBrokerDidNotTakeIsPublishedLaterWithItsIdAndScheduledTime() {
		given(this.publisher.tryPublish(any())).willAnswer((call) -> {
			this.published.add(call.getArgument(0));
			return (this.published.size() == 1) ? "cannot publish to RabbitMQ (Connection refused)" : null;
		});
		Replica replica = replica(weekly(Duration.ofHours(6)), this::heldHere);

		replica.scheduler().fire(replica.job(), SUNDAY);
		assertThat(fire().getString("status")).isEqualTo("pending");
		assertThat(fire().getString("lastError")).contains("Connection refused");
		assertThat(this.unlocked).hasValue(1);
		this.clock.advance(Duration.ofMinutes(20));
		replica.missed().retry();

		assertThat(this.published).hasSize(2);
		assertThat(this.published.get(1)).isEqualTo(this.published.get(0));
		assertThat(this.published.get(1).timestamp()).isEqualTo(SUNDAY);
		assertThat(fire().getString("status")).isEqualTo("published");
		assertThat(failures(TriggerMetrics.PUBLISH) + failures(TriggerMetrics.LOCK)).isZero();
		replica.missed().retry();
		assertThat(this.published).hasSize(2);
	}

	@Test
	void aFireNotPublishedWithinTheGracePeriodIsGivenUpAndCountedOnce() {
		brokerRefuses();
		Replica replica = replica(weekly(Duration.ofHours(6)), this::heldHere);

		replica.scheduler().fire(replica.job(), SUNDAY);
		this.clock.advance(Duration.ofHours(5).plusMinutes(59));
		replica.missed().retry();
		assertThat(failures(TriggerMetrics.PUBLISH)).isZero();
		this.clock.advance(Duration.ofMinutes(1));
		replica.missed().retry();
		replica.missed().retry();

		assertThat(fire().getString("status")).isEqualTo("given_up");
		assertThat(failures(TriggerMetrics.PUBLISH)).isEqualTo(1);
		// the fire, and the one retry before 06:00 + 6h; none after it
		assertThat(this.published).hasSize(2);
	}

	@Test
	void aMissedFireIsGivenUpWhenTheJobsNextFireComes() {
		brokerRefuses();
		BatchJobsProperties everyHour = new BatchJobsProperties("0 * * * *", "UTC", lock(), Duration.ofHours(6),
				Duration.ofSeconds(30));
		Replica replica = replica(everyHour, this::heldHere);

		replica.scheduler().fire(replica.job(), SUNDAY);
		this.clock.advance(Duration.ofHours(1));
		replica.missed().retry();

		assertThat(fire().getDate("deadline").toInstant()).isEqualTo(SUNDAY.plus(Duration.ofHours(1)));
		assertThat(fire().getString("status")).isEqualTo("given_up");
		assertThat(failures(TriggerMetrics.PUBLISH)).isEqualTo(1);
	}

	@Test
	void withoutAGracePeriodAFailedPublishIsCountedAtOnce() {
		brokerRefuses();
		Replica replica = replica(weekly(Duration.ZERO), this::heldHere);

		replica.scheduler().fire(replica.job(), SUNDAY);

		assertThat(fire().getString("status")).isEqualTo("given_up");
		assertThat(failures(TriggerMetrics.PUBLISH)).isEqualTo(1);
	}

	/**
	 * MongoDB unreachable at the fire, for every replica: no lock, so no replica can know
	 * whether another publishes. Each keeps the fire; once MongoDB is back it is recorded
	 * once and published once.
	 */
	@Test
	void aFireMongoDbCouldNotTakeIsPublishedOnceWhenItIsBack() {
		brokerTakes();
		BatchJobsProperties properties = weekly(Duration.ofHours(6));
		Replica first = replica(properties, this::unreachable);
		Replica second = replica(properties, this::unreachable);

		first.scheduler().fire(first.job(), SUNDAY);
		second.scheduler().fire(second.job(), SUNDAY);
		assertThat(this.published).isEmpty();
		this.clock.advance(Duration.ofMinutes(10));
		first.missed().retry();
		second.missed().retry();
		first.missed().retry();

		assertThat(this.published).singleElement()
			.satisfies((trigger) -> assertThat(trigger.timestamp()).isEqualTo(SUNDAY));
		assertThat(fire().getString("status")).isEqualTo("published");
		assertThat(failures(TriggerMetrics.LOCK)).isZero();
	}

	@Test
	void aFireMongoDbCouldNotTakeWithinTheGracePeriodIsGivenUpAndCounted() {
		brokerTakes();
		Replica replica = replica(weekly(Duration.ofHours(6)), this::unreachable);

		replica.scheduler().fire(replica.job(), SUNDAY);
		this.clock.advance(Duration.ofHours(6));
		replica.missed().retry();

		assertThat(this.published).isEmpty();
		assertThat(failures(TriggerMetrics.LOCK)).isEqualTo(1);
		assertThat(this.mongo.getCollection(ScheduledFires.COLLECTION).countDocuments()).isZero();
	}

	private Optional<net.javacrumbs.shedlock.core.SimpleLock> heldHere(LockConfiguration configuration) {
		this.asked = configuration;
		return Optional.of(this.unlocked::incrementAndGet);
	}

	private Optional<net.javacrumbs.shedlock.core.SimpleLock> unreachable(LockConfiguration configuration) {
		throw new MongoTimeoutException("Timed out while waiting for a server");
	}

	private void brokerTakes() {
		given(this.publisher.tryPublish(any())).willAnswer((call) -> {
			this.published.add(call.getArgument(0));
			return null;
		});
	}

	private void brokerRefuses() {
		given(this.publisher.tryPublish(any())).willAnswer((call) -> {
			this.published.add(call.getArgument(0));
			return "cannot publish to RabbitMQ (Connection refused)";
		});
	}

	private static BatchJobsProperties weekly(Duration grace) {
		return new BatchJobsProperties("0 6 * * 0", "UTC", lock(), grace, Duration.ofSeconds(30));
	}

	private static BatchJobsProperties.Lock lock() {
		return new BatchJobsProperties.Lock(Duration.ofMinutes(30), Duration.ofMinutes(5));
	}

	/** One replica of the orchestrator: its own scheduler and misfire policy. */
	private Replica replica(BatchJobsProperties properties, LockProvider locks) {
		TriggerMetrics metrics = new TriggerMetrics(this.registry, properties);
		ScheduledFires fires = new ScheduledFires(this.mongo, properties, this.clock);
		MissedFires missed = new MissedFires(fires, this.publisher, metrics, properties, this.clock);
		return new Replica(new BatchJobScheduler(properties, locks, fires, missed, this.publisher, this.clock), missed,
				properties.jobs().get(0));
	}

	private Document fire() {
		return this.mongo.getCollection(ScheduledFires.COLLECTION).find().first();
	}

	private double failures(String reason) {
		return this.registry.get("batch_job_trigger_failures")
			.tag("batch_job", "model-monitoring")
			.tag("reason", reason)
			.counter()
			.count();
	}

	private record Replica(BatchJobScheduler scheduler, MissedFires missed, ScheduledJob job) {
	}

	static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
