package io.modelmonitoring.eventconsumers.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.modelmonitoring.eventconsumers.alerting.ForwardedAlert.Action;
import io.modelmonitoring.eventconsumers.messaging.ConsumedMessage;
import io.modelmonitoring.eventconsumers.messaging.ParkReason;
import io.modelmonitoring.eventconsumers.messaging.RejectedMessageException;
import io.modelmonitoring.eventconsumers.support.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

class AlertMapperTests {

	static final Instant NOW = Instant.parse("2026-11-22T06:05:00Z");

	static final String RUNBOOK = "https://github.com/org/repo/blob/main/docs/runbooks/model-monitoring.md";

	static final JsonMapper json = JsonMapper.builder().build();

	final AlertMapper mapper = new AlertMapper(properties(RUNBOOK));

	@Test
	void aDriftEventFiresFromItsFirstDetectionForEightDays() {
		ForwardedAlert alert = this.mapper.map(event(Events.driftDetected("e-1", "t-1", "m-1")), NOW);

		assertThat(alert.name()).isEqualTo(AlertName.MODEL_DRIFT_DETECTED);
		assertThat(alert.action()).isEqualTo(Action.FIRED);
		assertThat(alert.alert().labels()).containsExactly(entry("alertname", "ModelDriftDetected"),
				entry("tenant", "t-1"), entry("model", "m-1"), entry("metric", "psi"), entry("segment", ""),
				entry("severity", "warning"));
		assertThat(alert.alert().annotations()).containsEntry("value", "0.31")
			.containsEntry("threshold", "0.2")
			.containsEntry("p_value", "4.0E-4")
			.containsEntry("runbook_url", RUNBOOK + "#modeldriftdetected")
			.containsEntry("alert_id", "alert-m-1")
			.containsEntry("state", "ongoing")
			.containsEntry("consecutive_runs", "3")
			.containsEntry("event_id", "e-1")
			.containsEntry("run_id", "run-1");
		assertThat(alert.alert().startsAt()).isEqualTo("2026-11-08T06:01:00Z");
		assertThat(alert.alert().endsAt()).isEqualTo(NOW.plus(Duration.ofDays(8)).toString());
		assertThat(alert.alert().generatorURL())
			.isEqualTo("https://ml.example.com/api/v1/ml/model-monitoring/runs/run-1/report#m");
	}

	@Test
	void anEventWithOnlyWhatTheContractHadBeforeStillFires() {
		ForwardedAlert alert = this.mapper.map(event("""
				{"id": "e-2", "type": "ml.model.drift.detected", "timestamp": "2026-11-22T06:01:02Z", "tenantId": "t-1",
				 "data": {"modelId": "m-1", "delta": 0.31}}
				"""), NOW);

		assertThat(alert.alert().labels()).containsEntry("metric", "psi").containsEntry("segment", "");
		assertThat(alert.alert().annotations()).containsOnlyKeys("value", "summary", "runbook_url", "event_id");
		assertThat(alert.alert().annotations().get("summary"))
			.isEqualTo("The predictions of model m-1 of tenant t-1 drifted: PSI 0.31.");
		assertThat(alert.alert().startsAt()).isEqualTo("2026-11-22T06:01:02Z");
		assertThat(alert.alert().generatorURL()).isNull();
	}

	@Test
	void aResolvedEventEndsTheSameAlertNow() {
		ForwardedAlert fired = this.mapper.map(event(Events.driftDetected("e-1", "t-1", "m-1")), NOW);
		ForwardedAlert resolved = this.mapper.map(event(Events.driftResolved("e-2", "t-1", "m-1")), NOW);

		assertThat(resolved.action()).isEqualTo(Action.RESOLVED);
		assertThat(resolved.alert().labels()).isEqualTo(fired.alert().labels());
		assertThat(resolved.alert().endsAt()).isEqualTo(NOW.toString());
		assertThat(resolved.alert().startsAt()).isNull();
		assertThat(resolved.alert().annotations()).containsEntry("summary",
				"The predictions of model m-1 of tenant t-1 no longer drift.");
	}

	@Test
	void aRecoveredMetricEndsTheAlertOfThatMetricAndSegment() {
		ForwardedAlert fired = this.mapper.map(event(Events.performanceDegraded("e-1", "t-1", "m-1", "mae")), NOW);
		ForwardedAlert recovered = this.mapper.map(event("""
				{"id": "e-2", "type": "ml.model.performance.recovered", "timestamp": "2026-11-29T06:01:02Z",
				 "tenantId": "t-1", "data": {"modelId": "m-1", "segment": "region=emea", "metric": "mae", "value": 0.1}}
				"""), NOW);

		assertThat(fired.alert().labels()).containsEntry("metric", "mae").containsEntry("segment", "region=emea");
		assertThat(recovered.alert().labels()).isEqualTo(fired.alert().labels());
		assertThat(recovered.action()).isEqualTo(Action.RESOLVED);
	}

	@Test
	void severitiesComeFromTheSettings() {
		AlertingProperties properties = new AlertingProperties("http://alertmanager:9093", null, Duration.ofDays(8),
				new AlertingProperties.Severity("info", "page", "critical", "ticket"), Duration.ofSeconds(2),
				Duration.ofSeconds(10), "q", "q.errors", null);
		AlertMapper mapper = new AlertMapper(properties);

		ForwardedAlert alert = mapper.map(event(Events.performanceDegraded("e-1", "t-1", "m-1", "brier")), NOW);

		assertThat(alert.alert().labels()).containsEntry("severity", "page");
		assertThat(alert.alert().annotations()).doesNotContainKey("runbook_url");
	}

	@Test
	void aStartInTheFutureIsTakenAsNow() {
		ForwardedAlert alert = this.mapper.map(event("""
				{"id": "e-2", "type": "ml.model.volume.dropped", "timestamp": "2026-11-22T07:00:00Z", "tenantId": "t-1",
				 "data": {"modelId": "m-1", "observed": 3, "expected": 400}}
				"""), NOW);

		assertThat(alert.alert().startsAt()).isEqualTo(NOW.toString());
		assertThat(alert.alert().annotations()).containsEntry("summary",
				"The current window of model m-1 of tenant t-1 holds 3 predictions where about 400 were expected.");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					no tenant          | '{"id": "e", "type": "ml.model.drift.detected", "data": {"modelId": "m"}}'                           | has no tenantId
					no model           | '{"id": "e", "type": "ml.model.drift.detected", "tenantId": "t", "data": {}}'                         | has no data.modelId
					no data            | '{"id": "e", "type": "ml.model.drift.detected", "tenantId": "t"}'                                     | has no data.modelId
					degraded, no metric| '{"id": "e", "type": "ml.model.performance.degraded", "tenantId": "t", "data": {"modelId": "m"}}'     | has no data.metric
					another type       | '{"id": "e", "type": "workflow.job.completed", "tenantId": "t", "data": {"modelId": "m"}}'            | type workflow.job.completed is not an event
					""")
	void anEventAnAlertCannotBeMadeOfIsInvalid(String name, String body, String detail) {
		assertThatExceptionOfType(RejectedMessageException.class).isThrownBy(() -> this.mapper.map(event(body), NOW))
			.satisfies((rejected) -> assertThat(rejected.reason()).isEqualTo(ParkReason.INVALID))
			.withMessageContaining(detail);
	}

	@Test
	void theQueueIsBoundForTheDetectedResolvedAndRecoveredTypes() {
		assertThat(AlertName.consumedTypes()).containsExactlyInAnyOrder("ml.model.drift.detected",
				"ml.model.drift.resolved", "ml.model.performance.degraded", "ml.model.performance.recovered",
				"ml.model.volume.dropped", "ml.model.evaluation.stale");
	}

	static AlertingProperties properties(String runbook) {
		return new AlertingProperties("http://alertmanager:9093", runbook, Duration.ofDays(8),
				new AlertingProperties.Severity("warning", "warning", "critical", "warning"), Duration.ofSeconds(2),
				Duration.ofSeconds(10), "q", "q.errors", null);
	}

	static ConsumedMessage event(String body) {
		JsonNode root = json.readTree(body);
		Instant timestamp = root.has("timestamp") ? Instant.parse(root.get("timestamp").stringValue()) : null;
		return new ConsumedMessage(root.get("id").stringValue(), root.get("type").stringValue(),
				root.get("type").stringValue(), "coder_events", false, NOW, timestamp, root, body);
	}

	static Map<String, String> labels(ForwardedAlert alert) {
		return alert.alert().labels();
	}

}
