package io.modelmonitoring.mlservice.history;

import java.util.List;

import io.modelmonitoring.contracts.TenantIdRule;
import io.modelmonitoring.mlservice.runs.ModelHistoryEntry;
import io.modelmonitoring.mlservice.runs.ModelResultStore;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A model's results over its past runs, newest first: the trend an operator reads before
 * deciding whether a finding is new, with the segments and features each run flagged.
 */
@RestController
@RequestMapping("/api/v1/ml/model-monitoring/models")
class ModelHistoryController {

	/** Model ids come from the logs; longer ones cannot be asked for. */
	static final int MAX_MODEL_ID_LENGTH = 1024;

	private final ModelResultStore results;

	ModelHistoryController(ModelResultStore results) {
		this.results = results;
	}

	@GetMapping("/{tenantId}/{modelId}/history")
	ModelHistory history(
			@PathVariable @Pattern(regexp = TenantIdRule.PATTERN,
					message = TenantIdRule.PATTERN_MESSAGE) String tenantId,
			@PathVariable @Size(max = MAX_MODEL_ID_LENGTH) String modelId,
			@RequestParam(defaultValue = "12") @Min(1) @Max(100) int limit) {
		List<ModelHistoryEntry> entries = this.results.history(tenantId, modelId, null, limit);
		if (entries.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"no completed run checked model " + modelId + " of tenant " + tenantId);
		}
		// The history's entries carry no segments; each run's whole result does.
		List<HistoryRun> runs = entries.stream()
			.map((entry) -> HistoryRun.of(entry, this.results.result(entry.runId(), tenantId, modelId).orElse(null)))
			.toList();
		return new ModelHistory(tenantId, modelId, runs);
	}

	/**
	 * @param runs newest asOf first
	 */
	record ModelHistory(String tenantId, String modelId, List<HistoryRun> runs) {
	}

}
