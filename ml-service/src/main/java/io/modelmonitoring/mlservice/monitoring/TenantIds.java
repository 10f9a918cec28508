package io.modelmonitoring.mlservice.monitoring;

import io.modelmonitoring.contracts.TenantIdRule;

/**
 * What a tenant id may be, wherever the API takes one: the contract's
 * {@link TenantIdRule}.
 */
final class TenantIds {

	static final int MAX_COUNT = TenantIdRule.MAX_PER_REQUEST;

	static final String PATTERN = TenantIdRule.PATTERN;

	static final String PATTERN_MESSAGE = TenantIdRule.PATTERN_MESSAGE;

	private TenantIds() {
	}

}
