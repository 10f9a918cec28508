package io.modelmonitoring.mlservice.runs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.modelmonitoring.mlservice.mongo.DependencyUnavailableException;
import io.modelmonitoring.mlservice.mongo.MongoCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Lets a run start, once: takes the tenants' leases, records the run, keeps its lease
 * renewed while it lasts, and records how it ended.
 * <p>
 * A request with an idempotency key runs once per key: a repeat gets the stored answer,
 * waits for a run still in progress, or runs a failed or abandoned run again under the
 * same run id, whose events then have the same ids, so none is published twice.
 */
@Component
public class RunAdmission {

	private static final Logger log = LoggerFactory.getLogger(RunAdmission.class);

	private static final Duration POLL = Duration.ofMillis(200);

	private final MonitoringRunStore runs;

	private final TenantLeases leases;

	private final RunHeartbeat heartbeat;

	private final RunProperties properties;

	private final Clock clock;

	RunAdmission(MonitoringRunStore runs, TenantLeases leases, RunHeartbeat heartbeat, RunProperties properties,
			Clock clock) {
		this.runs = runs;
		this.leases = leases;
		this.heartbeat = heartbeat;
		this.properties = properties;
		this.clock = clock;
	}

	/** The checks of one admitted run, with its id, tenants and dates fixed. */
	@FunctionalInterface
	public interface Run {

		MonitoringRunResponse execute(String runId, List<String> tenantIds, Instant asOf, Instant startedAt);

	}

	/**
	 * Admits and executes a run for the given tenants (empty: every tenant).
	 * @param requestedAsOf the asOf of the request; null means now
	 * @param idempotencyKey null, or the key that makes a repeated request one run
	 * @throws RunConflictException when a run for some of these tenants is in progress
	 * @throws IdempotencyKeyReusedException when the key came with a different request
	 * @throws IdempotentRunInProgressException when the key's run is still in progress
	 * after {@code model_monitoring.runs.idempotent_wait}
	 * @throws DependencyUnavailableException when MongoDB cannot be reached; the run is
	 * then recorded as failed (when MongoDB allows) and no success is reported
	 */
	public RunOutcome admit(List<String> tenantIds, Instant requestedAsOf, RunOptions options, String idempotencyKey,
			Run run) {
		Instant now = this.clock.instant();
		Instant asOf = (requestedAsOf != null) ? requestedAsOf : now;
		if (idempotencyKey == null) {
			String runId = UUID.randomUUID().toString();
			this.leases.acquire(runId, tenantIds);
			return new RunOutcome(
					execute(run, runId, tenantIds, asOf, now, () -> this.runs.started(runId, asOf, tenantIds, now)),
					false);
		}
		String fingerprint = RequestFingerprint.of(tenantIds, requestedAsOf, options);
		Instant waitUntil = now.plus(this.properties.idempotentWait());
		while (true) {
			MonitoringRunStore.KeyedRun existing = this.runs.findByKey(idempotencyKey).orElse(null);
			if (existing == null) {
				// The key first, then the leases: a request with the same key a moment
				// later
				// then finds this run and waits for it, instead of colliding with its
				// leases.
				String runId = UUID.randomUUID().toString();
				if (!MongoCalls
					.call(() -> this.runs.startedWithKey(runId, asOf, tenantIds, now, idempotencyKey, fingerprint))) {
					// another request with the same key inserted first
					continue;
				}
				acquireOrWithdraw(runId, tenantIds);
				return new RunOutcome(execute(run, runId, tenantIds, asOf, now, () -> {
				}), false);
			}
			if (!existing.fingerprint().equals(fingerprint)) {
				throw new IdempotencyKeyReusedException(idempotencyKey, existing.runId());
			}
			Instant current = this.clock.instant();
			if (existing.status() == RunStatus.COMPLETED) {
				log.info("model-monitoring run replayed runId={} idempotencyKey={}", existing.runId(), idempotencyKey);
				return new RunOutcome(existing.result(), true);
			}
			if (existing.status() == RunStatus.FAILED || existing.stale(current)) {
				RunOutcome outcome = takeOver(run, existing, tenantIds, idempotencyKey);
				if (outcome != null) {
					return outcome;
				}
			}
			if (!current.isBefore(waitUntil)) {
				throw new IdempotentRunInProgressException(idempotencyKey, existing.runId(),
						this.properties.leaseDuration());
			}
			sleep(POLL);
		}
	}

	/**
	 * Keeps the answer of a run that went to its end, with the tenants it covered; also
	 * when its thread was interrupted meanwhile (see {@link #uninterrupted}).
	 */
	public void completed(MonitoringRunResponse response, List<String> resolvedTenantIds, Instant finishedAt) {
		uninterrupted(() -> this.runs.completed(response, resolvedTenantIds, finishedAt));
	}

	/**
	 * Takes the leases of a run just recorded with its key; when another run holds one,
	 * the record goes again, so that the key is free for a retry once that run is over.
	 */
	private void acquireOrWithdraw(String runId, List<String> tenantIds) {
		try {
			this.leases.acquire(runId, tenantIds);
		}
		catch (RuntimeException ex) {
			try {
				this.runs.withdraw(runId);
			}
			catch (RuntimeException withdrawFailed) {
				ex.addSuppressed(withdrawFailed);
			}
			throw ex;
		}
	}

	/** Null when another request took the run over first. */
	private RunOutcome takeOver(Run run, MonitoringRunStore.KeyedRun existing, List<String> tenantIds, String key) {
		String runId = existing.runId();
		this.leases.acquire(runId, tenantIds);
		Instant now = this.clock.instant();
		if (!this.runs.takeOver(runId, now)) {
			return null;
		}
		log.warn("model-monitoring run started again runId={} idempotencyKey={} previously={}", runId, key,
				existing.status().label());
		return new RunOutcome(execute(run, runId, tenantIds, existing.asOf(), now, () -> {
		}), false);
	}

	/** Runs with the tenants' leases taken; records the start, then a failure. */
	private MonitoringRunResponse execute(Run run, String runId, List<String> tenantIds, Instant asOf,
			Instant startedAt, Runnable recordStart) {
		this.heartbeat.started(runId);
		try {
			recordStart.run();
			return run.execute(runId, tenantIds, asOf, startedAt);
		}
		catch (RuntimeException ex) {
			uninterrupted(() -> recordFailure(runId, ex));
			throw ex;
		}
		finally {
			this.heartbeat.ended(runId);
			uninterrupted(() -> releaseLeases(runId));
		}
	}

	private void releaseLeases(String runId) {
		try {
			this.leases.release(runId);
		}
		catch (RuntimeException ex) {
			log.warn("could not release the tenant leases of run {} (they expire): {}", runId, ex.getMessage());
		}
	}

	/**
	 * Records how a run ended even when its thread was interrupted (a shutdown past its
	 * graceful period): with the interrupt flag set, MongoDB's driver refuses every call,
	 * so the run would stay "running" and its tenants leased until the lease ran out. The
	 * flag is cleared for the record and set again after it, so that whoever interrupted
	 * the thread still sees it.
	 */
	private static void uninterrupted(Runnable record) {
		boolean interrupted = Thread.interrupted();
		try {
			record.run();
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void recordFailure(String runId, RuntimeException cause) {
		try {
			this.runs.failed(runId, cause.getMessage(), this.clock.instant());
		}
		catch (RuntimeException ex) {
			log.warn("could not record failed run runId={}: {}", runId, ex.getMessage());
		}
	}

	/** Waits a while, for a run in progress or as a fault test asks. */
	public static void sleep(Duration duration) {
		if (duration.isZero() || duration.isNegative()) {
			return;
		}
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
