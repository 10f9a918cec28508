package io.modelmonitoring.orchestrator.web;

import java.util.List;

import io.modelmonitoring.contracts.LogValues;
import io.modelmonitoring.contracts.TenantIdRule;
import io.modelmonitoring.contracts.TriggerRule;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The optional body of a manual trigger. Unknown fields are refused (see
 * ApplicationConfiguration), so that a misspelt field never widens a run to every tenant.
 * Tenant ids follow {@link TenantIdRule}, as ml-service's run request does, so a trigger
 * the orchestrator accepts is never refused downstream.
 *
 * @param tenantIds the tenants to run the job for, by {@link TenantIdRule}; absent, null
 * or empty means every tenant
 * @param triggeredBy who asks, recorded in the trigger's {@code triggeredBy}; absent
 * means {@code "manual"}; at most {@link TriggerRule#MAX_TRIGGERED_BY_LENGTH} characters
 * and none of {@link LogValues#UNSAFE_CHARACTERS} (controls, C1 such as NEL, the line and
 * paragraph separators, format characters such as RLO), so that it cannot forge or hide a
 * log line here or in the worker, which refuses the same
 */
record TriggerRequest(
		@Size(max = TenantIdRule.MAX_PER_REQUEST,
				message = TenantIdRule.TOO_MANY_MESSAGE) List<@NotNull(message = TenantIdRule.PATTERN_MESSAGE) @Pattern(
						regexp = TenantIdRule.PATTERN, message = TenantIdRule.PATTERN_MESSAGE) String> tenantIds,
		@Size(max = TriggerRule.MAX_TRIGGERED_BY_LENGTH) @Pattern(
				regexp = "(?!schedule$)(?=.*\\S)[^" + LogValues.UNSAFE_CHARACTERS + "]*",
				message = TRIGGERED_BY_MESSAGE) String triggeredBy) {

	static final String TRIGGERED_BY_MESSAGE = "must name who triggers: not blank, not \"schedule\", and "
			+ TriggerRule.NO_UNSAFE_CHARACTERS_MESSAGE;

	static final TriggerRequest EMPTY = new TriggerRequest(null, null);

}
