package io.modelmonitoring.orchestrator.web;

import java.util.List;

import io.modelmonitoring.contracts.TenantIdRule;
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
 * means {@code "manual"}; no control characters, so that it cannot forge log lines
 */
record TriggerRequest(
		@Size(max = TenantIdRule.MAX_PER_REQUEST,
				message = TenantIdRule.TOO_MANY_MESSAGE) List<@NotNull(message = TenantIdRule.PATTERN_MESSAGE) @Pattern(
						regexp = TenantIdRule.PATTERN, message = TenantIdRule.PATTERN_MESSAGE) String> tenantIds,
		@Size(max = 200) @Pattern(regexp = "(?!schedule$)(?=.*\\S)\\P{Cntrl}*",
				message = "must name who triggers: printable text, not blank and not \"schedule\"") String triggeredBy) {

	static final TriggerRequest EMPTY = new TriggerRequest(null, null);

}
