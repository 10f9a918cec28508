package io.modelmonitoring.eventconsumers.support;

/** Events as ml-service and risk-analytics publish them (SPEC §3), for the tests. */
public final class Events {

	private Events() {
	}

	public static String driftDetected(String id, String tenant, String model) {
		return """
				{"id": "%s", "type": "ml.model.drift.detected", "version": 1, "timestamp": "2026-11-22T06:01:02Z",
				 "tenantId": "%s", "source": "ml-service", "correlationId": "run-1",
				 "data": {"modelId": "%s", "segment": null, "metric": "psi", "feature": "prediction",
				          "delta": 0.31, "threshold": 0.2, "pValue": 0.0004, "noiseFloor": 0.05,
				          "baselineCount": 412, "currentCount": 97, "bins": 10,
				          "baselineWindow": {"from": "2026-09-23T06:00:00Z", "to": "2026-10-23T06:00:00Z"},
				          "currentWindow": {"from": "2026-11-15T06:00:00Z", "to": "2026-11-22T06:00:00Z"},
				          "alertId": "alert-%s", "state": "ongoing", "firstDetectedAt": "2026-11-08T06:01:00Z",
				          "consecutiveRuns": 3, "reportUrl": "https://ml.example.com/api/v1/ml/model-monitoring/runs/run-1/report#m"}}
				"""
			.formatted(id, tenant, model, model);
	}

	public static String driftResolved(String id, String tenant, String model) {
		return """
				{"id": "%s", "type": "ml.model.drift.resolved", "version": 1, "timestamp": "2026-11-29T06:01:02Z",
				 "tenantId": "%s", "source": "ml-service", "correlationId": "run-2",
				 "data": {"modelId": "%s", "segment": null, "metric": "psi", "delta": 0.04, "threshold": 0.2}}
				""".formatted(id, tenant, model);
	}

	public static String performanceDegraded(String id, String tenant, String model, String metric) {
		return """
				{"id": "%s", "type": "ml.model.performance.degraded", "version": 1, "timestamp": "2026-11-22T06:01:02Z",
				 "tenantId": "%s", "source": "ml-service", "correlationId": "run-1",
				 "data": {"modelId": "%s", "segment": "region=emea", "metric": "%s", "value": 0.27, "threshold": 0.2,
				          "evaluationId": "eval-1", "evaluatedAt": "2026-11-21T00:00:00Z"}}
				""".formatted(id, tenant, model, metric);
	}

	public static String jobCompleted(String id) {
		return """
				{"id": "%s", "type": "workflow.job.completed", "version": 1, "timestamp": "2026-11-22T06:03:00Z",
				 "tenantId": null, "source": "risk-analytics", "correlationId": "trigger-1",
				 "data": {"job": "model-monitoring", "triggerId": "trigger-1", "runId": "run-1", "tenants": 3,
				          "driftChecked": 4, "performanceChecked": 6, "durationMs": 812, "attempts": 1, "error": null}}
				""".formatted(id);
	}

}
