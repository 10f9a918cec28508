package io.modelmonitoring.mlservice.monitoring;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.modelmonitoring.contracts.DriftDetected;
import io.modelmonitoring.contracts.EvaluationStale;
import io.modelmonitoring.contracts.EventEnvelope;
import io.modelmonitoring.contracts.FindingResolved;
import io.modelmonitoring.contracts.Lifecycle;
import io.modelmonitoring.contracts.MessageTypes;
import io.modelmonitoring.contracts.PerformanceDegraded;
import io.modelmonitoring.contracts.VolumeDropped;
import io.modelmonitoring.mlservice.findings.FindingKey;
import io.modelmonitoring.mlservice.findings.FindingLifecycle.Resolution;
import io.modelmonitoring.mlservice.findings.FindingLifecycle.Transitions;
import io.modelmonitoring.mlservice.monitoring.DataHealth.StaleCheck;
import io.modelmonitoring.mlservice.monitoring.DataHealth.VolumeCheck;
import io.modelmonitoring.mlservice.monitoring.ModelMonitoringProperties.PublishPolicy;
import io.modelmonitoring.mlservice.performance.Metric;
import io.modelmonitoring.mlservice.performance.PerformanceCheck;
import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.scan.drift.PsiResult;
import io.modelmonitoring.scan.model.ModelKey;

import org.springframework.stereotype.Component;

/**
 * The events of a run's findings: one per firing key (drift, degraded metric, dropped
 * volume, stale evaluation), with the key's lifecycle, and one per alert the run resolved
 * (drift resolved, performance recovered). Under {@code alerts.publish: on_change} an
 * ongoing finding publishes nothing.
 */
@Component
class FindingEvents {

	static final String SOURCE = "ml-service";

	private final ModelMonitoringProperties properties;

	private final Clock clock;

	FindingEvents(ModelMonitoringProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @param transitions the lifecycle the run moved its keys to;
	 * {@link Transitions#NONE} for a backfill run, whose events then carry no lifecycle
	 */
	List<EventEnvelope<?>> of(String runId, MonitoringWindows windows, RunFindings findings, Transitions transitions) {
		List<EventEnvelope<?>> events = new ArrayList<>();
		for (DriftCheck check : findings.drift()) {
			Lifecycle lifecycle = transitions.firing().get(RunFindings.key(check));
			if (check.drift() && publishes(lifecycle)) {
				events.add(driftEvent(runId, windows, check, lifecycle));
			}
		}
		for (PerformanceCheck check : findings.performance()) {
			Lifecycle lifecycle = transitions.firing().get(RunFindings.key(check));
			if (check.degraded() && publishes(lifecycle)) {
				events.add(degradedEvent(runId, check, lifecycle));
			}
		}
		for (VolumeCheck check : findings.volume()) {
			Lifecycle lifecycle = transitions.firing().get(RunFindings.key(check.model(), RunFindings.VOLUME));
			if (check.dropped() && publishes(lifecycle)) {
				events.add(volumeEvent(runId, windows, check, lifecycle));
			}
		}
		for (StaleCheck check : findings.staleness()) {
			Lifecycle lifecycle = transitions.firing().get(RunFindings.key(check.model(), RunFindings.EVALUATION_AGE));
			if (check.stale() && publishes(lifecycle)) {
				events.add(staleEvent(runId, check, lifecycle));
			}
		}
		Map<FindingKey, Double> values = values(findings);
		for (Resolution resolution : transitions.resolved()) {
			EventEnvelope<?> event = resolvedEvent(runId, resolution, values.get(resolution.key()));
			if (event != null) {
				events.add(event);
			}
		}
		return events;
	}

	private boolean publishes(Lifecycle lifecycle) {
		return lifecycle == null || this.properties.alerts().publish() == PublishPolicy.EVERY_RUN
				|| Lifecycle.NEW.equals(lifecycle.state());
	}

	private EventEnvelope<DriftDetected> driftEvent(String runId, MonitoringWindows windows, DriftCheck check,
			Lifecycle lifecycle) {
		PsiResult psi = check.psi();
		DriftDetected data = new DriftDetected(check.model().modelId(), check.segment(), RunFindings.PSI,
				check.feature(), psi.psi(), this.properties.psiThreshold(), psi.pValue(), psi.noiseFloor(),
				check.baselineCount(), check.currentCount(), psi.bins(), psi.edges(),
				ModelResults.histogram(psi, check.categories()), ModelResults.window(windows.baseline()),
				ModelResults.window(windows.current()), reportUrl(runId, check.model()), alertId(lifecycle),
				state(lifecycle), first(lifecycle), runs(lifecycle), check.adjustedPValue());
		return envelope(MessageTypes.DRIFT_DETECTED, check.model(), runId, RunFindings.key(check), data);
	}

	private EventEnvelope<PerformanceDegraded> degradedEvent(String runId, PerformanceCheck check,
			Lifecycle lifecycle) {
		PerformanceDegraded data = new PerformanceDegraded(check.model().modelId(), check.segment(),
				check.metric().key(), check.value(), check.threshold(), check.evaluationId(), check.evaluatedAt(),
				check.modelVersion(), reportUrl(runId, check.model()), alertId(lifecycle), state(lifecycle),
				first(lifecycle), runs(lifecycle));
		return envelope(MessageTypes.PERFORMANCE_DEGRADED, check.model(), runId, RunFindings.key(check), data);
	}

	private EventEnvelope<VolumeDropped> volumeEvent(String runId, MonitoringWindows windows, VolumeCheck check,
			Lifecycle lifecycle) {
		VolumeDropped data = new VolumeDropped(check.model().modelId(), null, RunFindings.VOLUME, check.expected(),
				check.currentCount(), this.properties.volume().minRatio(), check.baselineCount(),
				ModelResults.window(windows.baseline()), ModelResults.window(windows.current()),
				reportUrl(runId, check.model()), alertId(lifecycle), state(lifecycle), first(lifecycle),
				runs(lifecycle));
		return envelope(MessageTypes.VOLUME_DROPPED, check.model(), runId,
				RunFindings.key(check.model(), RunFindings.VOLUME), data);
	}

	private EventEnvelope<EvaluationStale> staleEvent(String runId, StaleCheck check, Lifecycle lifecycle) {
		EvaluationStale data = new EvaluationStale(check.model().modelId(), null, RunFindings.EVALUATION_AGE,
				check.evaluationId(), check.evaluatedAt(), check.age(), this.properties.maxEvaluationAge(),
				reportUrl(runId, check.model()), alertId(lifecycle), state(lifecycle), first(lifecycle),
				runs(lifecycle));
		return envelope(MessageTypes.EVALUATION_STALE, check.model(), runId,
				RunFindings.key(check.model(), RunFindings.EVALUATION_AGE), data);
	}

	/**
	 * Drift and performance alerts end with an event of their own; volume and staleness
	 * alerts end by expiring (docs/ml-service.md).
	 */
	private EventEnvelope<FindingResolved> resolvedEvent(String runId, Resolution resolution, Double value) {
		FindingKey key = resolution.key();
		ModelKey model = new ModelKey(key.tenantId(), key.modelId());
		boolean drift = key.metric().equals(RunFindings.PSI);
		Optional<Metric> performance = Metric.ofKey(key.metric());
		if (!drift && performance.isEmpty()) {
			return null;
		}
		double threshold = drift ? this.properties.psiThreshold()
				: this.properties.performanceThresholds().of(performance.get());
		String feature = (key.feature() != null) ? key.feature() : (drift ? DriftCheck.PREDICTION : null);
		FindingResolved data = new FindingResolved(key.modelId(), key.segment(), key.metric(), feature, value,
				threshold, resolution.alertId(), resolution.firstDetectedAt(), resolution.resolvedAt(),
				resolution.consecutiveRuns(), reportUrl(runId, model));
		return envelope(drift ? MessageTypes.DRIFT_RESOLVED : MessageTypes.PERFORMANCE_RECOVERED, model, runId, key,
				data);
	}

	/** This run's value of each drift and performance key, for its resolution event. */
	private static Map<FindingKey, Double> values(RunFindings findings) {
		Map<FindingKey, Double> values = new HashMap<>();
		findings.drift()
			.stream()
			.filter((check) -> !check.skipped())
			.forEach((check) -> values.put(RunFindings.key(check), check.psi().psi()));
		findings.performance().forEach((check) -> values.put(RunFindings.key(check), check.value()));
		return values;
	}

	private String reportUrl(String runId, ModelKey model) {
		return ReportLinks.runReport(this.properties.reportBaseUrl(), runId, model);
	}

	private static String alertId(Lifecycle lifecycle) {
		return (lifecycle != null) ? lifecycle.alertId() : null;
	}

	private static String state(Lifecycle lifecycle) {
		return (lifecycle != null) ? lifecycle.state() : null;
	}

	private static Instant first(Lifecycle lifecycle) {
		return (lifecycle != null) ? lifecycle.firstDetectedAt() : null;
	}

	private static Integer runs(Lifecycle lifecycle) {
		return (lifecycle != null) ? lifecycle.consecutiveRuns() : null;
	}

	/**
	 * The event id is derived from (run, type, tenant, model, metric, and the segment and
	 * feature when the key has them): a run started again under the same id produces the
	 * same ids, which the outbox keeps once.
	 */
	private <T> EventEnvelope<T> envelope(String type, ModelKey model, String runId, FindingKey key, T data) {
		StringBuilder name = new StringBuilder(
				String.join("\u0000", runId, type, model.tenantId(), model.modelId(), key.metric()));
		if (key.segment() != null || key.feature() != null) {
			name.append("\u0000")
				.append(Objects.toString(key.segment(), ""))
				.append("\u0000")
				.append(Objects.toString(key.feature(), ""));
		}
		String id = UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
		return new EventEnvelope<>(id, type, EventEnvelope.CURRENT_VERSION, this.clock.instant(), model.tenantId(),
				SOURCE, runId, data);
	}

}
