package io.modelmonitoring.contracts;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The problem types are the URNs the API pages document (docs/ml-service.md,
 * docs/workflow-orchestrator.md, docs/security.md): clients match on them.
 */
class ProblemTypesTests {

	@ParameterizedTest(name = "{1}")
	@CsvSource(delimiter = '|', textBlock = """
			urn:model-monitoring:problem:invalid-request            | INVALID_REQUEST
			urn:model-monitoring:problem:unauthorized               | UNAUTHORIZED
			urn:model-monitoring:problem:forbidden                  | FORBIDDEN
			urn:model-monitoring:problem:payload-too-large          | PAYLOAD_TOO_LARGE
			urn:model-monitoring:problem:dependency-unavailable     | DEPENDENCY_UNAVAILABLE
			urn:model-monitoring:problem:internal-error             | INTERNAL_ERROR
			urn:model-monitoring:problem:run-in-progress            | RUN_IN_PROGRESS
			urn:model-monitoring:problem:idempotent-run-in-progress | IDEMPOTENT_RUN_IN_PROGRESS
			urn:model-monitoring:problem:idempotency-key-reused     | IDEMPOTENCY_KEY_REUSED
			urn:model-monitoring:problem:unknown-job                | UNKNOWN_JOB
			""")
	void eachTypeIsItsDocumentedUrn(String urn, String constant) throws Exception {
		assertThat(ProblemTypes.class.getField(constant).get(null)).isEqualTo(URI.create(urn));
	}

}
