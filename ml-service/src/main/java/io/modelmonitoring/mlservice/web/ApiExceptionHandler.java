package io.modelmonitoring.mlservice.web;

import java.util.List;

import io.modelmonitoring.contracts.ProblemTypes;
import io.modelmonitoring.mlservice.monitoring.InvalidFieldException;
import io.modelmonitoring.mlservice.mongo.DependencyUnavailableException;
import io.modelmonitoring.mlservice.runs.IdempotencyKeyReusedException;
import io.modelmonitoring.mlservice.runs.IdempotentRunInProgressException;
import io.modelmonitoring.mlservice.runs.RunConflictException;
import io.modelmonitoring.security.ProblemExceptionHandler;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * ml-service's own errors; bad bodies and parameters, the 500 and the problem+json shape
 * come from {@link ProblemExceptionHandler}.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ProblemExceptionHandler {

	@ExceptionHandler
	ProblemDetail invalidField(InvalidFieldException ex) {
		return invalidRequest(ex.getMessage(), List.of(ex.field()));
	}

	@ExceptionHandler
	ProblemDetail runInProgress(RunConflictException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, ProblemTypes.RUN_IN_PROGRESS, "Run already in progress",
				ex.getMessage());
		problem.setProperty("runningRunId", ex.runningRunId());
		return problem;
	}

	/** The same request again later gets the run's answer: Retry-After says when. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> idempotentRunInProgress(IdempotentRunInProgressException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, ProblemTypes.IDEMPOTENT_RUN_IN_PROGRESS,
				"Run of this idempotency key in progress", ex.getMessage());
		problem.setProperty("runningRunId", ex.runId());
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, ex.retryAfter().toSeconds())))
			.body(problem);
	}

	@ExceptionHandler
	ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException ex) {
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.IDEMPOTENCY_KEY_REUSED,
				"Idempotency key reused", ex.getMessage());
		problem.setProperty("runId", ex.runId());
		problem.setProperty("fields", List.of("Idempotency-Key"));
		return problem;
	}

	@ExceptionHandler
	ProblemDetail dependencyOutOfReach(DependencyUnavailableException ex) {
		return dependencyUnavailable(ex.dependency(), ex.getMessage());
	}

	@Override
	protected String bodyShape() {
		return "request body must be a JSON object with optional tenantIds and asOf";
	}

	/** Jackson's own messages quote class names; say what the field must be instead. */
	@Override
	protected String describeField(String field) {
		if (field.startsWith("tenantIds")) {
			return "must be a list of non-empty strings";
		}
		if (field.equals("asOf")) {
			return "must be an ISO-8601 instant, e.g. 2026-11-22T06:00:00Z";
		}
		return super.describeField(field);
	}

}
