package io.modelmonitoring.orchestrator.web;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The optional body of a manual trigger. Unknown fields are refused (see
 * ApplicationConfiguration), so that a misspelt field never widens a run to every tenant.
 *
 * @param tenantIds the tenants to run the job for; absent, null or empty means every
 * tenant
 * @param triggeredBy who asks, recorded in the trigger's {@code triggeredBy}; absent
 * means {@code "manual"}
 */
record TriggerRequest(@Size(max = 1000) List<@NotBlank String> tenantIds,
		@Size(max = 200) @Pattern(regexp = "(?!schedule$)(?s).*\\S.*",
				message = "must name who triggers: not blank and not \"schedule\"") String triggeredBy) {

	static final TriggerRequest EMPTY = new TriggerRequest(null, null);

}
