package io.modelmonitoring.mlservice.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.modelmonitoring.contracts.EventEnvelope;
import io.modelmonitoring.mlservice.findings.FindingLifecycle.Transitions;
import io.modelmonitoring.mlservice.monitoring.RunResponses.Delivery;
import io.modelmonitoring.mlservice.monitoring.RunResponses.Performance;
import io.modelmonitoring.mlservice.monitoring.RunResponses.Tenants;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.ModelResult;
import io.modelmonitoring.mlservice.runs.RunOptions;
import io.modelmonitoring.scan.lake.LogScanResult;
import io.modelmonitoring.scan.model.ModelKey;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a run does with a scan's result, over the start-up warm-up's: the drift and data
 * health checks, the events, the answer, and the JSON each becomes (the answer for the
 * client, the events for the outbox, the model results for the run store and back), with
 * no MongoDB, broker or alert touched. Run before the service is ready, it leaves that
 * code compiled and Jackson's serializers for those types built, which the first run
 * after a start otherwise does while its client waits.
 */
final class RunRehearsal {

	private static final String RUN_ID = "warm-up";

	private final ModelMonitoringProperties properties;

	private final FindingEvents findings;

	private final JsonMapper json;

	RunRehearsal(ModelMonitoringProperties properties, FindingEvents findings, JsonMapper json) {
		this.properties = properties;
		this.findings = findings;
		this.json = json;
	}

	/**
	 * @return the answer the rehearsed run would give
	 */
	MonitoringRunResponse rehearse(LogScanResult scanned, Instant asOf) {
		DriftScan scan = new DriftScan(scanned.samples(), scanned.signals(), scanned.invalidRecords(), null);
		Performance performance = new Performance(List.of(), 0, List.of());
		RunFindings found = ModelMonitoringService.check(scan, performance, asOf, this.properties);
		List<String> tenants = scan.samples().keySet().stream().map(ModelKey::tenantId).distinct().sorted().toList();
		List<EventEnvelope<?>> events = this.findings.of(RUN_ID, MonitoringWindows.of(asOf), found, Transitions.NONE);
		MonitoringRunResponse response = RunResponses.of(RUN_ID, asOf, RunOptions.DEFAULT, false,
				new Tenants(tenants, List.of()), performance, scan, found, Transitions.NONE, Delivery.NONE, 0);
		this.json.writeValueAsString(response);
		events.forEach(this.json::writeValueAsString);
		for (ModelResult result : response.results()) {
			this.json.convertValue(this.json.convertValue(result, Map.class), ModelResult.class);
		}
		return response;
	}

}
