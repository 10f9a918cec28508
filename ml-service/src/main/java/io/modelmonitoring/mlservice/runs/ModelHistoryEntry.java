package io.modelmonitoring.mlservice.runs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One model's result in one past run, as its history lists it: the figures without the
 * bins. Null where that check did not run; one field per metric, by its key.
 */
@JsonPropertyOrder({ "runId", "asOf", "psi", "pValue", "noiseFloor", "drift" })
public record ModelHistoryEntry(String runId, Instant asOf, Double psi, Double pValue, Double noiseFloor, boolean drift,
		@JsonAnyGetter Map<String, Double> metrics, List<String> degraded, Integer baselineCount,
		Integer currentCount) {
}
