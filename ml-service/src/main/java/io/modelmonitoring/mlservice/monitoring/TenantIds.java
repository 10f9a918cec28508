package io.modelmonitoring.mlservice.monitoring;

/** What a tenant id may be, wherever the API takes one. */
final class TenantIds {

	static final int MAX_COUNT = 1000;

	static final String PATTERN = "^[A-Za-z0-9._:-]{1,128}$";

	static final String PATTERN_MESSAGE = "must be 1 to 128 letters, digits, '.', '_', ':' or '-'";

	private TenantIds() {
	}

}
