package io.modelmonitoring.mlservice.runs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Two instances sharing a database ({@code first} and {@code second}, each with its own
 * {@link TenantLeases}) never run the same tenant at once. Against mongo-java-server.
 */
class TenantLeasesTests {

	private static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");

	private static final RunProperties PROPERTIES = new RunProperties(Duration.ofMinutes(2), Duration.ofSeconds(1),
			Duration.ZERO);

	private final MongoServer server = new MongoServer(new MemoryBackend());

	private final MongoClient client = MongoClients
		.create("mongodb://127.0.0.1:" + bind(this.server) + "/?serverSelectionTimeoutMS=2000");

	private final MongoTemplate mongo = new MongoTemplate(this.client, "leases");

	private final TenantLeases first = leases(NOW);

	private final TenantLeases second = leases(NOW);

	@AfterEach
	void stop() {
		this.client.close();
		this.server.shutdownNow();
	}

	@Test
	void runsForDisjointTenantsGoTogether() {
		this.first.acquire("r1", List.of("a", "b"));
		assertThatNoException().isThrownBy(() -> this.second.acquire("r2", List.of("c")));
	}

	@Test
	void aSharedTenantIsAConflictNamingTheRunningRunAndTakesNothing() {
		this.first.acquire("r1", List.of("b"));
		assertThatExceptionOfType(RunConflictException.class)
			.isThrownBy(() -> this.second.acquire("r2", List.of("a", "b")))
			.satisfies((ex) -> assertThat(ex.runningRunId()).isEqualTo("r1"));
		// "a" was taken before "b" conflicted, and given back
		assertThatNoException().isThrownBy(() -> this.first.acquire("r3", List.of("a")));
	}

	@Test
	void aRunForEveryTenantOverlapsAnyRun() {
		this.first.acquire("r1", List.of("a"));
		assertThatExceptionOfType(RunConflictException.class).isThrownBy(() -> this.second.acquire("r2", List.of()));
		this.first.release("r1");
		this.second.acquire("r3", List.of());
		assertThatExceptionOfType(RunConflictException.class).isThrownBy(() -> this.first.acquire("r4", List.of("z")));
	}

	@Test
	void releasingLetsTheNextRunIn() {
		this.first.acquire("r1", List.of("a"));
		this.first.release("r1");
		assertThatNoException().isThrownBy(() -> this.second.acquire("r2", List.of("a")));
	}

	@Test
	void aLeaseNotRenewedExpiresSoADeadInstanceBlocksNoLongerThanTheLease() {
		this.first.acquire("r1", List.of("a"));
		TenantLeases later = leases(NOW.plus(Duration.ofMinutes(2)));
		assertThatNoException().isThrownBy(() -> later.acquire("r2", List.of("a")));
	}

	@Test
	void aRenewedLeaseHoldsPastItsFirstExpiry() {
		TenantLeases oneMinuteOn = leases(NOW.plus(Duration.ofMinutes(1)));
		this.first.acquire("r1", List.of("a"));
		oneMinuteOn.renew(List.of("r1"));
		TenantLeases twoMinutesOn = leases(NOW.plus(Duration.ofMinutes(2)));
		assertThatExceptionOfType(RunConflictException.class)
			.isThrownBy(() -> twoMinutesOn.acquire("r2", List.of("a")));
	}

	@Test
	void theSameRunTakesItsOwnLeaseAgain() {
		this.first.acquire("r1", List.of("a"));
		assertThatNoException().isThrownBy(() -> this.second.acquire("r1", List.of("a")));
	}

	private TenantLeases leases(Instant now) {
		return new TenantLeases(this.mongo, PROPERTIES, Clock.fixed(now, ZoneOffset.UTC));
	}

	private static int bind(MongoServer server) {
		server.bind("127.0.0.1", 0);
		return server.getLocalAddress().getPort();
	}

}
