package io.modelmonitoring.mlservice.monitoring;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class TenantRunLocksTests {

	private final TenantRunLocks locks = new TenantRunLocks();

	@Test
	void runsForDisjointTenantsGoTogether() {
		this.locks.acquire("r1", List.of("a", "b"));
		assertThatNoException().isThrownBy(() -> this.locks.acquire("r2", List.of("c")));
	}

	@Test
	void aSharedTenantIsAConflictNamingTheRunningRun() {
		this.locks.acquire("r1", List.of("a", "b"));
		assertThatExceptionOfType(RunConflictException.class).isThrownBy(() -> this.locks.acquire("r2", List.of("b")))
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.runningRunId()).isEqualTo("r1"));
	}

	@Test
	void aRunForEveryTenantOverlapsAnyRun() {
		this.locks.acquire("r1", List.of("a"));
		assertThatExceptionOfType(RunConflictException.class).isThrownBy(() -> this.locks.acquire("r2", List.of()));
		this.locks.release("r1");
		this.locks.acquire("r3", List.of());
		assertThatExceptionOfType(RunConflictException.class).isThrownBy(() -> this.locks.acquire("r4", List.of("z")));
	}

	@Test
	void releasingLetsTheNextRunIn() {
		this.locks.acquire("r1", List.of("a"));
		this.locks.release("r1");
		assertThatNoException().isThrownBy(() -> this.locks.acquire("r2", List.of("a")));
	}

}
