package io.modelmonitoring.mlservice.monitoring;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.modelmonitoring.contracts.DriftDetected;
import io.modelmonitoring.contracts.EventEnvelope;
import io.modelmonitoring.contracts.MessageTypes;
import io.modelmonitoring.contracts.PerformanceDegraded;
import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.scan.drift.PsiResult;
import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.mlservice.performance.PerformanceCheck;

import org.springframework.stereotype.Component;

/**
 * One event per finding of a run: a drift event per drifted model, a degraded event per
 * degraded (model, metric).
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

	List<EventEnvelope<?>> of(String runId, MonitoringWindows windows, List<DriftCheck> drift,
			List<PerformanceCheck> performance) {
		List<EventEnvelope<?>> events = new ArrayList<>();
		drift.stream().filter(DriftCheck::drift).forEach((check) -> events.add(driftEvent(runId, windows, check)));
		performance.stream()
			.filter(PerformanceCheck::degraded)
			.forEach((check) -> events.add(degradedEvent(runId, check)));
		return events;
	}

	private EventEnvelope<DriftDetected> driftEvent(String runId, MonitoringWindows windows, DriftCheck check) {
		PsiResult psi = check.psi();
		DriftDetected data = new DriftDetected(check.model().modelId(), null, "psi", "prediction", psi.psi(),
				this.properties.psiThreshold(), psi.pValue(), psi.noiseFloor(), check.baselineCount(),
				check.currentCount(), psi.bins(), psi.edges(), ModelResults.histogram(psi),
				ModelResults.window(windows.baseline()), ModelResults.window(windows.current()),
				reportUrl(runId, check.model()));
		return envelope(MessageTypes.DRIFT_DETECTED, check.model(), runId, "psi", data);
	}

	private EventEnvelope<PerformanceDegraded> degradedEvent(String runId, PerformanceCheck check) {
		PerformanceDegraded data = new PerformanceDegraded(check.model().modelId(), null, check.metric().key(),
				check.value(), check.threshold(), check.evaluationId(), check.evaluatedAt(), check.modelVersion(),
				reportUrl(runId, check.model()));
		return envelope(MessageTypes.PERFORMANCE_DEGRADED, check.model(), runId, check.metric().key(), data);
	}

	private String reportUrl(String runId, ModelKey model) {
		return ReportLinks.runReport(this.properties.reportBaseUrl(), runId, model);
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

}
