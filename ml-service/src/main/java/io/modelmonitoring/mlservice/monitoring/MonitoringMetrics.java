package io.modelmonitoring.mlservice.monitoring;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelmonitoring.mlservice.runs.RunStatus;
import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.mlservice.performance.PerformanceCheck;

import org.springframework.stereotype.Component;

/**
 * The run's Prometheus metrics. Models are a label, tenants never are: a platform has far
 * more tenants than a time series database wants label values; tenants go in logs and
 * events.
 */
@Component
class MonitoringMetrics {

	private final MeterRegistry registry;

	private final Timer runDuration;

	MonitoringMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.runDuration = Timer.builder("ml.model.monitoring.run.duration")
			.description("Wall time of model-monitoring runs")
			.publishPercentileHistogram()
			.register(registry);
		for (RunStatus status : new RunStatus[] { RunStatus.COMPLETED, RunStatus.FAILED }) {
			runs(status);
		}
	}

	/**
	 * The {@code check} label says what a check was of: {@code prediction} (the whole
	 * model), {@code segment} or {@code feature}; segment values and feature names are
	 * never labels (they come from data), they are in the events.
	 */
	void driftChecked(DriftCheck check) {
		Counter.builder("ml.drift.checks")
			.description("PSI drift checks made")
			.tag("model", check.model().modelId())
			.tag("check", kind(check))
			.register(this.registry)
			.increment();
		if (check.drift()) {
			Counter.builder("ml.drift.detections")
				.description("PSI drift detected")
				.tag("model", check.model().modelId())
				.tag("metric", "psi")
				.tag("check", kind(check))
				.register(this.registry)
				.increment();
		}
	}

	private static String kind(DriftCheck check) {
		return check.wholeModel() ? "prediction" : (check.segment() != null) ? "segment" : "feature";
	}

	void performanceDegraded(PerformanceCheck check) {
		Counter.builder("ml.performance.degraded")
			.description("Performance metrics found above their threshold")
			.tag("model", check.model().modelId())
			.tag("metric", check.metric().key())
			.tag("check", (check.segment() != null) ? "segment" : "model")
			.register(this.registry)
			.increment();
	}

	void runEnded(RunStatus status, Duration duration) {
		runs(status).increment();
		this.runDuration.record(duration);
	}

	private Counter runs(RunStatus status) {
		return Counter.builder("ml.model.monitoring.runs")
			.description("Model-monitoring runs by how they ended")
			.tag("status", status.label())
			.register(this.registry);
	}

}
