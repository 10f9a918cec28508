package io.modelmonitoring.contracts;

/**
 * What a tenant id may be wherever a service takes one (SPEC §4): 1 to 128 letters,
 * digits, '.', '_', ':' or '-', and at most {@value #MAX_PER_REQUEST} of them in one
 * request. The orchestrator checks a manual trigger by the same rule as ml-service its
 * run request, so that a trigger it accepts is never refused downstream. Constants, so
 * that validation annotations can name them.
 */
public final class TenantIdRule {

	public static final String PATTERN = "^[A-Za-z0-9._:-]{1,128}$";

	public static final String PATTERN_MESSAGE = "must be 1 to 128 letters, digits, '.', '_', ':' or '-'";

	public static final int MAX_PER_REQUEST = 1000;

	public static final String TOO_MANY_MESSAGE = "must hold at most " + MAX_PER_REQUEST + " tenant ids";

	private TenantIdRule() {
	}

}
