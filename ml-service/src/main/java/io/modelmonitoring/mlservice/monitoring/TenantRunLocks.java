package io.modelmonitoring.mlservice.monitoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Keeps two runs of this instance from working on the same tenant at once, so no (tenant,
 * model) gets two sets of events from overlapping runs. A run for every tenant overlaps
 * any other run.
 */
@Component
class TenantRunLocks {

	private final Map<String, Set<String>> running = new HashMap<>();

	/**
	 * @throws RunConflictException when a running run shares a tenant with this one
	 */
	synchronized void acquire(String runId, List<String> tenantIds) {
		Set<String> wanted = Set.copyOf(tenantIds);
		for (Map.Entry<String, Set<String>> run : this.running.entrySet()) {
			Set<String> held = run.getValue();
			boolean overlaps = wanted.isEmpty() || held.isEmpty() || held.stream().anyMatch(wanted::contains);
			if (overlaps) {
				throw new RunConflictException(run.getKey(), tenantIds);
			}
		}
		this.running.put(runId, wanted);
	}

	synchronized void release(String runId) {
		this.running.remove(runId);
	}

}
