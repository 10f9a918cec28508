package io.modelmonitoring.mlservice.monitoring;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.modelmonitoring.contracts.EventEnvelope;
import io.modelmonitoring.contracts.FindingResolved;
import io.modelmonitoring.contracts.Lifecycle;
import io.modelmonitoring.contracts.MessageTypes;
import io.modelmonitoring.mlservice.findings.FindingKey;
import io.modelmonitoring.mlservice.findings.FindingLifecycle.Resolution;
import io.modelmonitoring.mlservice.findings.FindingLifecycle.Transitions;
import io.modelmonitoring.mlservice.performance.Metric;
import io.modelmonitoring.mlservice.performance.PerformanceCheck;
import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.scan.drift.Psi;
import io.modelmonitoring.scan.drift.PsiResult;
import io.modelmonitoring.scan.model.ModelKey;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which events a run's findings become under each publish policy, and how an ended alert
 * is told.
 */
class FindingEventsTests {

	static final Instant AS_OF = Instant.parse("2026-11-22T06:00:00Z");

	static final ModelKey DRIFTED = new ModelKey("t", "drifted");

	static final ModelKey DEGRADED = new ModelKey("t", "degraded");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void everyRunPublishesEachFiringFindingWithItsState() {
		this.contextRunner.run((context) -> {
			List<EventEnvelope<?>> events = events(context.getBean(ModelMonitoringProperties.class));
			assertThat(events).extracting(EventEnvelope::type)
				.containsExactly(MessageTypes.DRIFT_DETECTED, MessageTypes.PERFORMANCE_DEGRADED,
						MessageTypes.DRIFT_RESOLVED);
		});
	}

	@Test
	void onChangePublishesOnlyNewAndResolvedFindings() {
		this.contextRunner.withPropertyValues("model_monitoring.alerts.publish=on_change").run((context) -> {
			List<EventEnvelope<?>> events = events(context.getBean(ModelMonitoringProperties.class));
			assertThat(events).extracting(EventEnvelope::type)
				.as("the degraded model's finding is ongoing")
				.containsExactly(MessageTypes.DRIFT_DETECTED, MessageTypes.DRIFT_RESOLVED);
		});
	}

	@Test
	void aResolvedDriftCarriesTheRunsPsiAndHowLongItLasted() {
		this.contextRunner.run((context) -> {
			FindingResolved resolved = (FindingResolved) events(context.getBean(ModelMonitoringProperties.class)).get(2)
				.data();
			assertThat(resolved.modelId()).isEqualTo("calm");
			assertThat(resolved.metric()).isEqualTo("psi");
			assertThat(resolved.feature()).isEqualTo("prediction");
			assertThat(resolved.value()).isZero();
			assertThat(resolved.threshold()).isEqualTo(0.2);
			assertThat(resolved.alertId()).isEqualTo("alert-calm");
			assertThat(resolved.consecutiveRuns()).isEqualTo(3);
			assertThat(resolved.resolvedAt()).isEqualTo(AS_OF);
		});
	}

	/**
	 * A new drift, an ongoing degraded Brier, a drift that ended and a volume alert that
	 * ended (which ends by expiring: no event).
	 */
	private static List<EventEnvelope<?>> events(ModelMonitoringProperties properties) {
		double[] baseline = new double[40];
		double[] shifted = new double[40];
		for (int i = 0; i < 40; i++) {
			baseline[i] = i / 39.0;
			shifted[i] = 0.5 + i / 78.0;
		}
		ModelKey calm = new ModelKey("t", "calm");
		PsiResult drifted = Psi.compute(baseline, shifted, 10, 0.5);
		PsiResult same = Psi.compute(baseline, baseline, 10, 0.5);
		List<DriftCheck> drift = List.of(
				new DriftCheck(DRIFTED, null, DriftCheck.PREDICTION, 40, 40, drifted, null, drifted.pValue(), true),
				new DriftCheck(calm, null, DriftCheck.PREDICTION, 40, 40, same, null, same.pValue(), false));
		List<PerformanceCheck> performance = List
			.of(new PerformanceCheck(DEGRADED, Metric.BRIER, 0.3, 0.2, "e1", AS_OF.minusSeconds(60), "v1"));
		RunFindings findings = new RunFindings(drift, performance, List.of(), List.of());
		Transitions transitions = new Transitions(
				Map.of(RunFindings.key(DRIFTED, "psi"), new Lifecycle("alert-1", Lifecycle.NEW, AS_OF, 1),
						RunFindings.key(DEGRADED, "brier"),
						new Lifecycle("alert-2", Lifecycle.ONGOING, AS_OF.minusSeconds(604800), 2)),
				List.of(new Resolution(RunFindings.key(calm, "psi"), "alert-calm", AS_OF.minusSeconds(1209600), AS_OF,
						3),
						new Resolution(new FindingKey("t", "quiet", "volume", null), "alert-quiet", AS_OF, AS_OF, 1)));
		return new FindingEvents(properties, Clock.fixed(AS_OF, ZoneOffset.UTC)).of("run-1",
				MonitoringWindows.of(AS_OF), findings, transitions);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ModelMonitoringProperties.class)
	static class PropertiesConfiguration {

	}

}
