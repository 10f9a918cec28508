package io.modelmonitoring.riskanalytics.mlservice;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The part of ml-service's run answer (SPEC §4) the worker reports; other fields are
 * ignored, missing counts read as zero.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record MonitoringRunResponse(String runId, int tenants, int performanceChecked, int driftChecked) {
}
