package io.modelmonitoring.scan.lake;

import java.io.Serializable;
import java.util.Set;

import io.modelmonitoring.scan.model.TimeWindow;

/**
 * What a drift scan reads: the two windows, the tenants to keep (empty: every tenant),
 * and what it gathers besides the predictions.
 */
public record LogScanRequest(TimeWindow baseline, TimeWindow current, Set<String> tenantIds,
		ScanSignals signals) implements Serializable {

	public LogScanRequest {
		tenantIds = Set.copyOf(tenantIds);
	}

	/** A scan of the predictions alone. */
	public LogScanRequest(TimeWindow baseline, TimeWindow current, Set<String> tenantIds) {
		this(baseline, current, tenantIds, ScanSignals.NONE);
	}

	public boolean wants(String tenantId) {
		return this.tenantIds.isEmpty() || this.tenantIds.contains(tenantId);
	}

}
