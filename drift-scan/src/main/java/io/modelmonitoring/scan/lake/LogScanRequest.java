package io.modelmonitoring.scan.lake;

import java.util.Set;

import io.modelmonitoring.scan.model.TimeWindow;

/**
 * What a drift scan reads: the two windows, and the tenants to keep (empty: every
 * tenant).
 */
public record LogScanRequest(TimeWindow baseline, TimeWindow current, Set<String> tenantIds) {

	public LogScanRequest {
		tenantIds = Set.copyOf(tenantIds);
	}

	public boolean wants(String tenantId) {
		return this.tenantIds.isEmpty() || this.tenantIds.contains(tenantId);
	}

}
