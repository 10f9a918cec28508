package io.modelmonitoring.orchestrator.web;

import io.modelmonitoring.contracts.ProblemTypes;
import io.modelmonitoring.orchestrator.trigger.TriggerNotPublishedException;
import io.modelmonitoring.security.ProblemExceptionHandler;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The orchestrator's own errors; bad bodies, the 500 and the problem+json shape come from
 * {@link ProblemExceptionHandler}.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ProblemExceptionHandler {

	private static final String BODY_SHAPE = "request body must be empty or a JSON object with optional "
			+ "tenantIds (a list of non-empty strings) and triggeredBy (a string)";

	@ExceptionHandler
	ProblemDetail unknownJob(UnknownJobException ex) {
		ProblemDetail problem = problem(HttpStatus.NOT_FOUND, ProblemTypes.UNKNOWN_JOB, "Unknown job", ex.getMessage());
		problem.setProperty("job", ex.job());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail triggerNotPublished(TriggerNotPublishedException ex) {
		ProblemDetail problem = dependencyUnavailable("RabbitMQ", ex.getMessage());
		problem.setProperty("triggerId", ex.triggerId());
		return problem;
	}

	@Override
	protected String bodyShape() {
		return BODY_SHAPE;
	}

	/** Jackson's own messages quote class names; say what the field must be instead. */
	@Override
	protected String describeField(String field) {
		if (field.startsWith("tenantIds")) {
			return "must be a list of non-empty strings";
		}
		if (field.equals("triggeredBy")) {
			return "must be a string naming who triggers";
		}
		return super.describeField(field);
	}

}
