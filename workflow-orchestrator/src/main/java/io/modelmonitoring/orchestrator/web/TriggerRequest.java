package io.modelmonitoring.orchestrator.web;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The optional body of a manual trigger. Unknown fields are refused (see
 * ApplicationConfiguration), so that a misspelt field never widens a run to every tenant.
 * Tenant ids follow the rules of ml-service's run request, so a trigger the orchestrator
 * accepts is never refused downstream.
 *
 * @param tenantIds the tenants to run the job for, at most 1000, each 1 to 128 letters,
 * digits, '.', '_', ':' or '-'; absent, null or empty means every tenant
 * @param triggeredBy who asks, recorded in the trigger's {@code triggeredBy}; absent
 * means {@code "manual"}; no control characters, so that it cannot forge log lines
 */
record TriggerRequest(
		@Size(max = 1000,
				message = "must hold at most 1000 tenant ids") List<@NotNull(
						message = "must be 1 to 128 letters, digits, '.', '_', ':' or '-'") @Pattern(
								regexp = "^[A-Za-z0-9._:-]{1,128}$",
								message = "must be 1 to 128 letters, digits, '.', '_', ':' or '-'") String> tenantIds,
		@Size(max = 200) @Pattern(regexp = "(?!schedule$)(?=.*\\S)\\P{Cntrl}*",
				message = "must name who triggers: printable text, not blank and not \"schedule\"") String triggeredBy) {

	static final TriggerRequest EMPTY = new TriggerRequest(null, null);

}
