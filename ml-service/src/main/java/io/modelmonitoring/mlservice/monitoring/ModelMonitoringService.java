package io.modelmonitoring.mlservice.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.modelmonitoring.contracts.DriftDetected;
import io.modelmonitoring.contracts.EventEnvelope;
import io.modelmonitoring.contracts.MessageTypes;
import io.modelmonitoring.contracts.PerformanceDegraded;
import io.modelmonitoring.mlservice.events.EventOutbox;
import io.modelmonitoring.mlservice.events.MonitoringEventPublisher;
import io.modelmonitoring.mlservice.events.OutboxEntry;
import io.modelmonitoring.mlservice.performance.EvaluationStore;
import io.modelmonitoring.mlservice.performance.PerformanceCheck;
import io.modelmonitoring.mlservice.performance.PerformanceEvaluator;
import io.modelmonitoring.mlservice.performance.PerformanceEvaluator.TenantPerformance;
import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.scan.drift.DriftDetector;
import io.modelmonitoring.scan.lake.InferenceLogSource;
import io.modelmonitoring.scan.lake.LakeUnavailableException;
import io.modelmonitoring.scan.lake.LogScanRequest;
import io.modelmonitoring.scan.lake.LogScanResult;
import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.WindowSamples;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The model-monitoring run: checks the newest evaluations of every (tenant, model)
 * against the Brier and MAE thresholds and the drift of its predictions by PSI, then
 * records one event per finding in the outbox, publishes them and keeps the run.
 *
 * <p>
 * A request with an idempotency key runs once per key: a repeat gets the stored answer,
 * waits for a run still in progress, or runs a failed or abandoned run again under the
 * same run id, whose events then have the same ids, so none is published twice.
 */
@Service
public class ModelMonitoringService {

	private static final Logger log = LoggerFactory.getLogger(ModelMonitoringService.class);

	static final String SOURCE = "ml-service";

	private final ModelMonitoringProperties properties;

	private final EvaluationStore evaluations;

	private final InferenceLogSource logs;

	private final EventOutbox outbox;

	private final MonitoringEventPublisher publisher;

	private final MonitoringRunStore runs;

	private final TenantLeases leases;

	private final RunHeartbeat heartbeat;

	private final RunProperties runProperties;

	private final MonitoringMetrics metrics;

	private final Clock clock;

	ModelMonitoringService(ModelMonitoringProperties properties, EvaluationStore evaluations, InferenceLogSource logs,
			EventOutbox outbox, MonitoringEventPublisher publisher, MonitoringRunStore runs, TenantLeases leases,
			RunHeartbeat heartbeat, RunProperties runProperties, MonitoringMetrics metrics, Clock clock) {
		this.properties = properties;
		this.evaluations = evaluations;
		this.logs = logs;
		this.outbox = outbox;
		this.publisher = publisher;
		this.runs = runs;
		this.leases = leases;
		this.heartbeat = heartbeat;
		this.runProperties = runProperties;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Runs the checks for the given tenants (empty: every tenant).
	 * @param requestedAsOf the asOf of the request; null means now
	 * @param idempotencyKey null, or the key that makes a repeated request one run
	 * @throws RunConflictException when a run for some of these tenants is in progress
	 * @throws IdempotencyKeyReusedException when the key came with a different request
	 * @throws IdempotentRunInProgressException when the key's run is still in progress
	 * after {@code model_monitoring.runs.idempotent_wait}
	 * @throws DependencyUnavailableException when MongoDB cannot be reached; the run is
	 * then recorded as failed (when MongoDB allows) and no success is reported
	 */
	public RunOutcome runForTenants(List<String> tenantIds, Instant requestedAsOf, String idempotencyKey) {
		Instant now = this.clock.instant();
		Instant asOf = (requestedAsOf != null) ? requestedAsOf : now;
		if (idempotencyKey == null) {
			String runId = UUID.randomUUID().toString();
			this.leases.acquire(runId, tenantIds);
			return new RunOutcome(
					execute(runId, tenantIds, asOf, now, () -> this.runs.started(runId, asOf, tenantIds, now)), false);
		}
		String fingerprint = RequestFingerprint.of(tenantIds, requestedAsOf);
		Instant waitUntil = now.plus(this.runProperties.idempotentWait());
		while (true) {
			MonitoringRunStore.KeyedRun existing = this.runs.findByKey(idempotencyKey).orElse(null);
			if (existing == null) {
				String runId = UUID.randomUUID().toString();
				this.leases.acquire(runId, tenantIds);
				if (!MongoCalls
					.call(() -> this.runs.startedWithKey(runId, asOf, tenantIds, now, idempotencyKey, fingerprint))) {
					// another request with the same key inserted first
					this.leases.release(runId);
					continue;
				}
				return new RunOutcome(execute(runId, tenantIds, asOf, now, () -> {
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
				RunOutcome outcome = takeOver(existing, tenantIds, idempotencyKey);
				if (outcome != null) {
					return outcome;
				}
			}
			if (!current.isBefore(waitUntil)) {
				throw new IdempotentRunInProgressException(idempotencyKey, existing.runId(),
						this.runProperties.leaseDuration());
			}
			pause(Duration.ofMillis(200));
		}
	}

	/** Null when another request took the run over first. */
	private RunOutcome takeOver(MonitoringRunStore.KeyedRun existing, List<String> tenantIds, String key) {
		String runId = existing.runId();
		this.leases.acquire(runId, tenantIds);
		Instant now = this.clock.instant();
		if (!this.runs.takeOver(runId, now)) {
			return null;
		}
		log.warn("model-monitoring run started again runId={} idempotencyKey={} previously={}", runId, key,
				existing.status().label());
		return new RunOutcome(execute(runId, tenantIds, existing.asOf(), now, () -> {
		}), false);
	}

	/** Runs with the tenants' leases taken; records the start, then the end. */
	private MonitoringRunResponse execute(String runId, List<String> tenantIds, Instant asOf, Instant startedAt,
			Runnable recordStart) {
		this.heartbeat.started(runId);
		try {
			recordStart.run();
			return run(runId, tenantIds, asOf, startedAt);
		}
		catch (RuntimeException ex) {
			failed(runId, tenantIds, startedAt, ex);
			throw ex;
		}
		finally {
			this.heartbeat.ended(runId);
			try {
				this.leases.release(runId);
			}
			catch (RuntimeException ex) {
				log.warn("could not release the tenant leases of run {} (they expire): {}", runId, ex.getMessage());
			}
		}
	}

	private MonitoringRunResponse run(String runId, List<String> tenantIds, Instant asOf, Instant startedAt) {
		MonitoringWindows windows = MonitoringWindows.of(asOf);
		DriftScan scan = scanLogs(runId, windows, tenantIds);
		List<String> tenants = tenants(tenantIds, asOf, scan);

		List<PerformanceCheck> performance = new ArrayList<>();
		int invalidEvaluations = 0;
		for (String tenantId : tenants) {
			List<Document> newest = MongoCalls
				.call(() -> this.evaluations.newest(tenantId, asOf, this.properties.evaluationsPerTenant()));
			TenantPerformance result = PerformanceEvaluator.evaluate(tenantId, newest,
					this.properties.performanceThresholds());
			performance.addAll(result.checks());
			invalidEvaluations += result.invalidEvaluations();
		}
		List<DriftCheck> drift = DriftDetector.evaluate(scan.samples(), this.properties.driftSettings());

		List<EventEnvelope<?>> events = new ArrayList<>();
		drift.stream().filter(DriftCheck::drift).forEach((check) -> events.add(driftEvent(runId, windows, check)));
		performance.stream()
			.filter(PerformanceCheck::degraded)
			.forEach((check) -> events.add(degradedEvent(runId, check)));
		pause(this.runProperties.pauseBeforeEvents());
		List<OutboxEntry> unsent = MongoCalls.call(() -> this.outbox.record(runId, events));
		this.publisher.publishForRun(runId, unsent);
		int published = (int) (long) MongoCalls.call(() -> this.outbox.sentOf(runId));
		int pending = events.size() - published;

		drift.stream().filter((check) -> !check.skipped()).forEach(this.metrics::driftChecked);
		performance.stream().filter(PerformanceCheck::degraded).forEach(this.metrics::performanceDegraded);
		Instant finishedAt = this.clock.instant();
		long durationMs = Duration.between(startedAt, finishedAt).toMillis();
		MonitoringRunResponse response = new MonitoringRunResponse(runId, asOf, tenants.size(), performance.size(),
				(int) performance.stream().filter(PerformanceCheck::degraded).count(),
				(int) drift.stream().filter((check) -> !check.skipped()).count(),
				(int) drift.stream().filter(DriftCheck::drift).count(),
				(int) drift.stream().filter(DriftCheck::skipped).count(), scan.skippedReason(), invalidEvaluations,
				scan.invalidRecords(), published, pending, durationMs, ModelResults.merge(drift, performance));
		this.runs.completed(response, tenants, finishedAt);
		this.metrics.runEnded(RunStatus.COMPLETED, Duration.ofMillis(durationMs));
		log.info(
				"model-monitoring run completed runId={} tenants={} driftChecked={} performanceChecked={} "
						+ "driftDetected={} performanceDegraded={} driftSkipped={} invalidEvaluations={} "
						+ "invalidRecords={} eventsPublished={} eventsPending={} durationMs={}",
				runId, tenants.size(), response.driftChecked(), response.performanceChecked(), response.driftDetected(),
				response.performanceDegraded(), response.driftSkipped(), response.invalidEvaluations(),
				response.invalidRecords(), published, pending, durationMs);
		return response;
	}

	private DriftScan scanLogs(String runId, MonitoringWindows windows, List<String> tenantIds) {
		if (!this.logs.isConfigured()) {
			log.info("model-monitoring run skips drift runId={} reason=\"{}\"", runId, this.logs.unavailableReason());
			return DriftScan.skipped(this.logs.unavailableReason());
		}
		try {
			LogScanResult result = this.logs
				.scan(new LogScanRequest(windows.baseline(), windows.current(), Set.copyOf(tenantIds)));
			if (result.unreadableFiles() > 0) {
				log.warn("model-monitoring run read past unreadable files runId={} unreadableFiles={} source=\"{}\"",
						runId, result.unreadableFiles(), this.logs.describe());
			}
			return new DriftScan(result.samples(), result.invalidRecords(), null);
		}
		catch (LakeUnavailableException ex) {
			String reason = "data lake unavailable: " + ex.getMessage();
			log.error("model-monitoring run skips drift runId={} source=\"{}\" reason=\"{}\"", runId,
					this.logs.describe(), reason, ex);
			return DriftScan.skipped(reason);
		}
	}

	/**
	 * The tenants asked for, else every tenant with evaluations as of asOf or with
	 * samples in the windows.
	 */
	private List<String> tenants(List<String> requested, Instant asOf, DriftScan scan) {
		if (!requested.isEmpty()) {
			return requested;
		}
		Set<String> tenants = new TreeSet<>(MongoCalls.call(() -> this.evaluations.tenantIds(asOf)));
		scan.samples().keySet().forEach((model) -> tenants.add(model.tenantId()));
		return List.copyOf(tenants);
	}

	private void failed(String runId, List<String> tenantIds, Instant startedAt, RuntimeException cause) {
		Instant finishedAt = this.clock.instant();
		long durationMs = Duration.between(startedAt, finishedAt).toMillis();
		this.metrics.runEnded(RunStatus.FAILED, Duration.ofMillis(durationMs));
		log.error("model-monitoring run failed runId={} tenants={} durationMs={} error=\"{}\"", runId,
				tenantIds.isEmpty() ? "all" : tenantIds.size(), durationMs, cause.getMessage(), cause);
		try {
			this.runs.failed(runId, cause.getMessage(), finishedAt);
		}
		catch (RuntimeException ex) {
			log.warn("could not record failed run runId={}: {}", runId, ex.getMessage());
		}
	}

	private EventEnvelope<DriftDetected> driftEvent(String runId, MonitoringWindows windows, DriftCheck check) {
		DriftDetected data = new DriftDetected(check.model().modelId(), null, "psi", "prediction", check.psi().psi(),
				this.properties.psiThreshold(), check.psi().pValue(), check.psi().noiseFloor(), check.baselineCount(),
				check.currentCount(), check.psi().bins(),
				new DriftDetected.Window(windows.baseline().from(), windows.baseline().to()),
				new DriftDetected.Window(windows.current().from(), windows.current().to()));
		return envelope(MessageTypes.DRIFT_DETECTED, check.model(), runId, "psi", data);
	}

	private EventEnvelope<PerformanceDegraded> degradedEvent(String runId, PerformanceCheck check) {
		PerformanceDegraded data = new PerformanceDegraded(check.model().modelId(), null, check.metric().key(),
				check.value(), check.threshold(), check.evaluationId(), check.evaluatedAt());
		return envelope(MessageTypes.PERFORMANCE_DEGRADED, check.model(), runId, check.metric().key(), data);
	}

	/**
	 * The event id is derived from (run, type, tenant, model, metric): a run started
	 * again under the same id produces the same ids, which the outbox keeps once.
	 */
	private <T> EventEnvelope<T> envelope(String type, ModelKey model, String runId, String metric, T data) {
		String id = UUID
			.nameUUIDFromBytes(String.join("\u0000", runId, type, model.tenantId(), model.modelId(), metric)
				.getBytes(StandardCharsets.UTF_8))
			.toString();
		return new EventEnvelope<>(id, type, EventEnvelope.CURRENT_VERSION, this.clock.instant(), model.tenantId(),
				SOURCE, runId, data);
	}

	private static void pause(Duration duration) {
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

	/** What the log scan gave the run: samples, or the reason there are none. */
	private record DriftScan(Map<ModelKey, WindowSamples> samples, long invalidRecords, String skippedReason) {

		static DriftScan skipped(String reason) {
			return new DriftScan(Map.of(), 0, reason);
		}

	}

}
