package io.modelmonitoring.mlservice.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.modelmonitoring.contracts.DriftDetected;
import io.modelmonitoring.contracts.EventEnvelope;
import io.modelmonitoring.contracts.MessageTypes;
import io.modelmonitoring.contracts.PerformanceDegraded;
import io.modelmonitoring.mlservice.drift.DriftCheck;
import io.modelmonitoring.mlservice.drift.DriftDetector;
import io.modelmonitoring.mlservice.events.MonitoringEventPublisher;
import io.modelmonitoring.mlservice.lake.InferenceLogSource;
import io.modelmonitoring.mlservice.lake.LakeUnavailableException;
import io.modelmonitoring.mlservice.lake.LogScanRequest;
import io.modelmonitoring.mlservice.lake.LogScanResult;
import io.modelmonitoring.mlservice.lake.ModelKey;
import io.modelmonitoring.mlservice.lake.WindowSamples;
import io.modelmonitoring.mlservice.performance.EvaluationStore;
import io.modelmonitoring.mlservice.performance.PerformanceCheck;
import io.modelmonitoring.mlservice.performance.PerformanceEvaluator;
import io.modelmonitoring.mlservice.performance.PerformanceEvaluator.TenantPerformance;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The model-monitoring run: checks the newest evaluations of every (tenant, model)
 * against the Brier and MAE thresholds and the drift of its predictions by PSI, then
 * publishes one event per finding and keeps the run.
 */
@Service
public class ModelMonitoringService {

	private static final Logger log = LoggerFactory.getLogger(ModelMonitoringService.class);

	static final String SOURCE = "ml-service";

	private final ModelMonitoringProperties properties;

	private final EvaluationStore evaluations;

	private final InferenceLogSource logs;

	private final MonitoringEventPublisher publisher;

	private final MonitoringRunStore runs;

	private final TenantRunLocks locks;

	private final MonitoringMetrics metrics;

	private final Clock clock;

	ModelMonitoringService(ModelMonitoringProperties properties, EvaluationStore evaluations, InferenceLogSource logs,
			MonitoringEventPublisher publisher, MonitoringRunStore runs, TenantRunLocks locks,
			MonitoringMetrics metrics, Clock clock) {
		this.properties = properties;
		this.evaluations = evaluations;
		this.logs = logs;
		this.publisher = publisher;
		this.runs = runs;
		this.locks = locks;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Runs the checks for the given tenants (empty: every tenant) as of the given
	 * instant.
	 * @throws RunConflictException when a run for some of these tenants is in progress
	 * @throws DependencyUnavailableException when MongoDB or RabbitMQ cannot be reached;
	 * the run is then recorded as failed and no success is reported
	 */
	public MonitoringRunResponse runForTenants(List<String> tenantIds, Instant asOf) {
		String runId = UUID.randomUUID().toString();
		Instant startedAt = this.clock.instant();
		this.locks.acquire(runId, tenantIds);
		try {
			this.runs.started(runId, asOf, tenantIds, startedAt);
			return run(runId, tenantIds, asOf, startedAt);
		}
		catch (RuntimeException ex) {
			failed(runId, tenantIds, startedAt, ex);
			throw ex;
		}
		finally {
			this.locks.release(runId);
		}
	}

	private MonitoringRunResponse run(String runId, List<String> tenantIds, Instant asOf, Instant startedAt) {
		this.publisher.checkReachable();
		MonitoringWindows windows = MonitoringWindows.of(asOf);
		DriftScan scan = scanLogs(runId, windows, tenantIds);
		List<String> tenants = tenants(tenantIds, scan);

		List<PerformanceCheck> performance = new ArrayList<>();
		int invalidEvaluations = 0;
		for (String tenantId : tenants) {
			List<Document> newest = MongoCalls
				.call(() -> this.evaluations.newest(tenantId, this.properties.evaluationsPerTenant()));
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
		int published = this.publisher.publish(events);

		drift.stream().filter((check) -> !check.skipped()).forEach(this.metrics::driftChecked);
		performance.stream().filter(PerformanceCheck::degraded).forEach(this.metrics::performanceDegraded);
		Instant finishedAt = this.clock.instant();
		long durationMs = Duration.between(startedAt, finishedAt).toMillis();
		MonitoringRunResponse response = new MonitoringRunResponse(runId, asOf, tenants.size(), performance.size(),
				(int) performance.stream().filter(PerformanceCheck::degraded).count(),
				(int) drift.stream().filter((check) -> !check.skipped()).count(),
				(int) drift.stream().filter(DriftCheck::drift).count(),
				(int) drift.stream().filter(DriftCheck::skipped).count(), scan.skippedReason(), invalidEvaluations,
				scan.invalidRecords(), published, durationMs, ModelResults.merge(drift, performance));
		this.runs.completed(response, tenants, finishedAt);
		this.metrics.runEnded(RunStatus.COMPLETED, Duration.ofMillis(durationMs));
		log.info(
				"model-monitoring run completed runId={} tenants={} driftChecked={} performanceChecked={} "
						+ "driftDetected={} performanceDegraded={} driftSkipped={} invalidEvaluations={} "
						+ "invalidRecords={} eventsPublished={} durationMs={}",
				runId, tenants.size(), response.driftChecked(), response.performanceChecked(), response.driftDetected(),
				response.performanceDegraded(), response.driftSkipped(), response.invalidEvaluations(),
				response.invalidRecords(), published, durationMs);
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

	private List<String> tenants(List<String> requested, DriftScan scan) {
		if (!requested.isEmpty()) {
			return requested;
		}
		Set<String> tenants = new TreeSet<>(MongoCalls.call(this.evaluations::tenantIds));
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
		return envelope(MessageTypes.DRIFT_DETECTED, check.model(), runId, data);
	}

	private EventEnvelope<PerformanceDegraded> degradedEvent(String runId, PerformanceCheck check) {
		PerformanceDegraded data = new PerformanceDegraded(check.model().modelId(), null, check.metric().key(),
				check.value(), check.threshold(), check.evaluationId(), check.evaluatedAt());
		return envelope(MessageTypes.PERFORMANCE_DEGRADED, check.model(), runId, data);
	}

	private <T> EventEnvelope<T> envelope(String type, ModelKey model, String runId, T data) {
		return new EventEnvelope<>(UUID.randomUUID().toString(), type, EventEnvelope.CURRENT_VERSION,
				this.clock.instant(), model.tenantId(), SOURCE, runId, data);
	}

	/** What the log scan gave the run: samples, or the reason there are none. */
	private record DriftScan(Map<ModelKey, WindowSamples> samples, long invalidRecords, String skippedReason) {

		static DriftScan skipped(String reason) {
			return new DriftScan(Map.of(), 0, reason);
		}

	}

}
