package io.modelmonitoring.mlservice.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.modelmonitoring.contracts.EventEnvelope;
import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.scan.drift.DriftDetector;
import io.modelmonitoring.mlservice.events.EventOutbox;
import io.modelmonitoring.mlservice.events.MonitoringEventPublisher;
import io.modelmonitoring.mlservice.events.OutboxEntry;
import io.modelmonitoring.scan.lake.InferenceLogSource;
import io.modelmonitoring.scan.lake.LakeUnavailableException;
import io.modelmonitoring.scan.remote.SparkEngineException;
import io.modelmonitoring.scan.lake.LogScanRequest;
import io.modelmonitoring.scan.lake.LogScanResult;
import io.modelmonitoring.mlservice.monitoring.RunResponses.Delivery;
import io.modelmonitoring.mlservice.monitoring.RunResponses.Performance;
import io.modelmonitoring.mlservice.monitoring.RunResponses.Tenants;
import io.modelmonitoring.mlservice.findings.FindingLifecycle;
import io.modelmonitoring.mlservice.findings.FindingLifecycle.Transitions;
import io.modelmonitoring.mlservice.runs.MonitoringRunStore;
import io.modelmonitoring.mlservice.runs.RunOptions;
import io.modelmonitoring.mlservice.mongo.DependencyUnavailableException;
import io.modelmonitoring.mlservice.mongo.MongoCalls;
import io.modelmonitoring.mlservice.performance.Evaluation;
import io.modelmonitoring.mlservice.performance.EvaluationStore;
import io.modelmonitoring.mlservice.performance.PerformanceCheck;
import io.modelmonitoring.mlservice.performance.PerformanceEvaluator;
import io.modelmonitoring.mlservice.performance.PerformanceEvaluator.TenantPerformance;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse;
import io.modelmonitoring.mlservice.runs.RunAdmission;
import io.modelmonitoring.mlservice.runs.RunOutcome;
import io.modelmonitoring.mlservice.runs.RunProperties;
import io.modelmonitoring.mlservice.runs.RunStatus;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The model-monitoring run, as docs/ml-service.md tells it: admitted once per request or
 * idempotency key ({@link RunAdmission}), it scans the inference logs of both windows,
 * settles the tenants, checks each tenant's newest evaluations against the Brier and MAE
 * thresholds, each model's predictions for drift and its data for health (volume,
 * evaluation age), moves each finding's alert on ({@link FindingLifecycle}), records one
 * event per finding in the outbox and publishes them, and keeps the run. A dry run and a
 * backfill run change no alert and publish nothing (a backfill run publishes when asked).
 */
@Service
public class ModelMonitoringService {

	private static final Logger log = LoggerFactory.getLogger(ModelMonitoringService.class);

	/**
	 * Runs in flight whose evaluations are read beside their scan; more read them after.
	 */
	private static final int CONCURRENT_EVALUATION_READS = 4;

	private final ModelMonitoringProperties properties;

	private final EvaluationStore evaluations;

	private final InferenceLogSource logs;

	private final FindingEvents findings;

	private final EventOutbox outbox;

	private final MonitoringEventPublisher publisher;

	private final RunAdmission admission;

	private final MonitoringRunStore runs;

	private final FindingLifecycle lifecycle;

	private final RunProperties runProperties;

	private final MonitoringMetrics metrics;

	private final Clock clock;

	/**
	 * Reads a run's evaluations from MongoDB while its lake scan runs: the two wait on
	 * different machines, so the run waits for the longer only. When every thread is
	 * busy, a run reads them itself before its scan.
	 */
	private final ExecutorService evaluationReads;

	ModelMonitoringService(ModelMonitoringProperties properties, EvaluationStore evaluations, InferenceLogSource logs,
			FindingEvents findings, EventOutbox outbox, MonitoringEventPublisher publisher, RunAdmission admission,
			MonitoringRunStore runs, FindingLifecycle lifecycle, RunProperties runProperties, MonitoringMetrics metrics,
			Clock clock) {
		this.properties = properties;
		this.evaluations = evaluations;
		this.logs = logs;
		this.findings = findings;
		this.outbox = outbox;
		this.publisher = publisher;
		this.admission = admission;
		this.runs = runs;
		this.lifecycle = lifecycle;
		this.runProperties = runProperties;
		this.metrics = metrics;
		this.clock = clock;
		AtomicInteger threads = new AtomicInteger();
		this.evaluationReads = new ThreadPoolExecutor(0, CONCURRENT_EVALUATION_READS, 30, TimeUnit.SECONDS,
				new SynchronousQueue<>(), (task) -> {
					Thread thread = new Thread(task, "evaluation-read-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				}, new ThreadPoolExecutor.CallerRunsPolicy());
	}

	@PreDestroy
	void stop() {
		this.evaluationReads.shutdown();
	}

	/**
	 * Runs the checks for the given tenants (empty: every tenant); see
	 * {@link RunAdmission#admit} for what a repeated idempotency key does and what is
	 * thrown.
	 * @param requestedAsOf the asOf of the request; null means now
	 * @param idempotencyKey null, or the key that makes a repeated request one run
	 */
	public RunOutcome runForTenants(List<String> tenantIds, Instant requestedAsOf, RunOptions options,
			String idempotencyKey) {
		Instant requestedAt = this.clock.instant();
		AtomicBoolean started = new AtomicBoolean();
		try {
			return this.admission.admit(tenantIds, requestedAsOf, options, idempotencyKey,
					(runId, tenants, asOf, startedAt) -> {
						started.set(true);
						return run(runId, tenants, asOf, startedAt, options);
					});
		}
		catch (DependencyUnavailableException ex) {
			// run() counts the failures of a run it executed; a request refused before
			// that (MongoDB out of reach while admitting it) is a failed run too.
			if (!started.get()) {
				long durationMs = Duration.between(requestedAt, this.clock.instant()).toMillis();
				this.metrics.runEnded(RunStatus.FAILED, Duration.ofMillis(durationMs));
				log.error("model-monitoring run failed before it started tenants={} durationMs={} error=\"{}\"",
						tenantIds.isEmpty() ? "all" : tenantIds.size(), durationMs, ex.getMessage());
			}
			throw ex;
		}
	}

	private MonitoringRunResponse run(String runId, List<String> tenantIds, Instant asOf, Instant startedAt,
			RunOptions options) {
		try {
			MonitoringWindows windows = MonitoringWindows.of(asOf);
			Future<EarlyEvaluations> early = this.evaluationReads.submit(() -> readEvaluations(tenantIds, asOf));
			DriftScan scan = scanLogs(runId, windows, tenantIds);
			EarlyEvaluations evaluations = join(early);
			List<String> tenants = tenants(tenantIds, evaluations, scan);
			Performance performance = checkPerformance(tenants, asOf, evaluations);
			RunFindings findings = check(scan, performance, asOf, this.properties);
			Tenants covered = new Tenants(tenants, unknown(runId, tenantIds, scan, performance));
			boolean backfill = !options.dryRun() && this.runs.isBackfill(runId, asOf, tenants);
			Transitions transitions = (options.dryRun() || backfill) ? Transitions.NONE
					: this.lifecycle.apply(runId, asOf, findings.checkedKeys());
			boolean publishes = !options.dryRun() && (!backfill || options.publish());
			Delivery delivery = publishes ? publish(runId, this.findings.of(runId, windows, findings, transitions))
					: Delivery.NONE;
			if (!publishes) {
				log.info("model-monitoring run publishes nothing runId={} reason={}", runId,
						options.dryRun() ? "dry-run" : "backfill");
			}
			return keep(RunResponses.of(runId, asOf, options, backfill, covered, performance, scan, findings,
					transitions, delivery, Duration.between(startedAt, this.clock.instant()).toMillis()), tenants,
					findings);
		}
		catch (RuntimeException ex) {
			long durationMs = Duration.between(startedAt, this.clock.instant()).toMillis();
			this.metrics.runEnded(RunStatus.FAILED, Duration.ofMillis(durationMs));
			log.error("model-monitoring run failed runId={} tenants={} durationMs={} error=\"{}\"", runId,
					tenantIds.isEmpty() ? "all" : tenantIds.size(), durationMs, ex.getMessage(), ex);
			throw ex;
		}
	}

	/**
	 * Drift, then data health, from what the scan and the evaluations gave (also the
	 * start-up's {@link RunRehearsal}).
	 */
	static RunFindings check(DriftScan scan, Performance performance, Instant asOf,
			ModelMonitoringProperties properties) {
		List<DriftCheck> drift = DriftDetector.evaluate(scan.samples(), scan.signals(), properties.driftSettings());
		return new RunFindings(drift, performance.checks(),
				DataHealth.volume(drift, properties.minSamples(), properties.volume().minRatio()),
				DataHealth.staleness(performance.checks(), asOf, properties.maxEvaluationAge()), scan.signals());
	}

	/**
	 * The tenants asked for by name with no evaluation before asOf and no prediction in
	 * either window: a run for them checks nothing, which is most often a typo.
	 */
	private List<String> unknown(String runId, List<String> requested, DriftScan scan, Performance performance) {
		Set<String> seen = new TreeSet<>(performance.tenantsWithEvaluations());
		scan.samples().keySet().forEach((model) -> seen.add(model.tenantId()));
		List<String> unknown = requested.stream().filter((tenant) -> !seen.contains(tenant)).toList();
		if (!unknown.isEmpty()) {
			log.warn("model-monitoring run asked for tenants with nothing to check runId={} unknownTenants={}", runId,
					unknown);
		}
		return unknown;
	}

	private DriftScan scanLogs(String runId, MonitoringWindows windows, List<String> tenantIds) {
		if (!this.logs.isConfigured()) {
			log.info("model-monitoring run skips drift runId={} reason=\"{}\"", runId, this.logs.unavailableReason());
			return DriftScan.skipped(this.logs.unavailableReason());
		}
		try {
			LogScanResult result = this.logs.scan(new LogScanRequest(windows.baseline(), windows.current(),
					Set.copyOf(tenantIds), this.properties.scanSignals()));
			if (result.unreadableFiles() > 0) {
				log.warn("model-monitoring run read past unreadable files runId={} unreadableFiles={} source=\"{}\"",
						runId, result.unreadableFiles(), this.logs.describe());
			}
			return new DriftScan(result.samples(), result.signals(), result.invalidRecords(), null);
		}
		catch (SparkEngineException ex) {
			// A cluster that gives no result fails the run: a drift check skipped in
			// silence would read as "no drift".
			throw new DependencyUnavailableException("spark", ex.getMessage(), ex);
		}
		catch (LakeUnavailableException ex) {
			String reason = "data lake unavailable: " + ex.getMessage();
			log.error("model-monitoring run skips drift runId={} source=\"{}\" reason=\"{}\"", runId,
					this.logs.describe(), reason, ex);
			return DriftScan.skipped(reason);
		}
	}

	/**
	 * The newest evaluations of each tenant known before the scan: those asked for, else
	 * every tenant with evaluations as of asOf.
	 */
	private record EarlyEvaluations(Map<String, List<Evaluation>> newest) {
	}

	private EarlyEvaluations readEvaluations(List<String> requested, Instant asOf) {
		List<String> known = requested.isEmpty() ? MongoCalls.call(() -> this.evaluations.tenantIds(asOf)) : requested;
		Map<String, List<Evaluation>> newest = new HashMap<>();
		for (String tenantId : known) {
			newest.put(tenantId, newest(tenantId, asOf));
		}
		return new EarlyEvaluations(newest);
	}

	private List<Evaluation> newest(String tenantId, Instant asOf) {
		return MongoCalls.call(() -> this.evaluations.newest(tenantId, asOf, this.properties.evaluationsPerTenant()));
	}

	/** What the read beside the scan gave, or the exception it ended with. */
	private static EarlyEvaluations join(Future<EarlyEvaluations> early) {
		try {
			return early.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException("reading the evaluations failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			early.cancel(true);
			throw new IllegalStateException("interrupted while reading the evaluations", ex);
		}
	}

	/**
	 * The tenants asked for, else every tenant with evaluations as of asOf or with
	 * samples in the windows.
	 */
	private static List<String> tenants(List<String> requested, EarlyEvaluations evaluations, DriftScan scan) {
		if (!requested.isEmpty()) {
			return requested;
		}
		Set<String> tenants = new TreeSet<>(evaluations.newest().keySet());
		scan.samples().keySet().forEach((model) -> tenants.add(model.tenantId()));
		return List.copyOf(tenants);
	}

	/**
	 * The performance checks of the tenants, from the evaluations read beside the scan; a
	 * tenant seen only in the lake has its evaluations read now.
	 */
	private Performance checkPerformance(List<String> tenants, Instant asOf, EarlyEvaluations evaluations) {
		List<PerformanceCheck> checks = new ArrayList<>();
		List<String> evaluated = new ArrayList<>();
		int invalidEvaluations = 0;
		for (String tenantId : tenants) {
			List<Evaluation> newest = evaluations.newest().containsKey(tenantId) ? evaluations.newest().get(tenantId)
					: newest(tenantId, asOf);
			if (!newest.isEmpty()) {
				evaluated.add(tenantId);
			}
			TenantPerformance result = PerformanceEvaluator.evaluate(tenantId, newest,
					this.properties.performanceThresholds(), this.properties.segmentRule());
			checks.addAll(result.checks());
			invalidEvaluations += result.invalidEvaluations();
		}
		return new Performance(checks, invalidEvaluations, evaluated);
	}

	/** Records the events in the outbox, then publishes them and counts the confirmed. */
	private Delivery publish(String runId, List<EventEnvelope<?>> events) {
		RunAdmission.sleep(this.runProperties.pauseBeforeEvents());
		List<OutboxEntry> unsent = MongoCalls.call(() -> this.outbox.record(runId, events));
		this.publisher.publishForRun(runId, unsent);
		int published = (int) (long) MongoCalls.call(() -> this.outbox.sentOf(runId));
		return new Delivery(published, events.size() - published);
	}

	private MonitoringRunResponse keep(MonitoringRunResponse response, List<String> tenants, RunFindings findings) {
		findings.drift().stream().filter((check) -> !check.skipped()).forEach(this.metrics::driftChecked);
		findings.performance().stream().filter(PerformanceCheck::degraded).forEach(this.metrics::performanceDegraded);
		this.admission.completed(response, tenants, this.clock.instant());
		this.metrics.runEnded(RunStatus.COMPLETED, Duration.ofMillis(response.durationMs()));
		log.info(
				"model-monitoring run completed runId={} tenants={} driftChecked={} performanceChecked={} "
						+ "driftDetected={} performanceDegraded={} driftSkipped={} volumeDropped={} "
						+ "evaluationsStale={} findingsResolved={} invalidEvaluations={} invalidRecords={} "
						+ "eventsPublished={} eventsPending={} dryRun={} backfill={} durationMs={}",
				response.runId(), response.tenants(), response.driftChecked(), response.performanceChecked(),
				response.driftDetected(), response.performanceDegraded(), response.driftSkipped(),
				response.volumeDropped(), response.evaluationsStale(), response.findingsResolved(),
				response.invalidEvaluations(), response.invalidRecords(), response.eventsPublished(),
				response.eventsPending(), response.dryRun(), response.backfill(), response.durationMs());
		return response;
	}

}
