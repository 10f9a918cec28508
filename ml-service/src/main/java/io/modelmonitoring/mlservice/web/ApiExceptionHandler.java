package io.modelmonitoring.mlservice.web;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import io.modelmonitoring.mlservice.mongo.DependencyUnavailableException;
import io.modelmonitoring.mlservice.runs.IdempotencyKeyReusedException;
import io.modelmonitoring.mlservice.runs.IdempotentRunInProgressException;
import io.modelmonitoring.mlservice.monitoring.InvalidFieldException;
import io.modelmonitoring.mlservice.runs.RunConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as {@code application/problem+json} (RFC 9457) with a stable
 * type URI. Bad input names the field; a 500 never echoes an exception's message.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	static final URI INVALID_REQUEST = URI.create("urn:model-monitoring:problem:invalid-request");

	static final URI RUN_IN_PROGRESS = URI.create("urn:model-monitoring:problem:run-in-progress");

	static final URI IDEMPOTENT_RUN_IN_PROGRESS = URI.create("urn:model-monitoring:problem:idempotent-run-in-progress");

	static final URI IDEMPOTENCY_KEY_REUSED = URI.create("urn:model-monitoring:problem:idempotency-key-reused");

	static final URI DEPENDENCY_UNAVAILABLE = URI.create("urn:model-monitoring:problem:dependency-unavailable");

	static final URI INTERNAL_ERROR = URI.create("urn:model-monitoring:problem:internal-error");

	@ExceptionHandler
	ProblemDetail invalidField(InvalidFieldException ex) {
		return invalidRequest(ex.getMessage(), List.of(ex.field()));
	}

	@ExceptionHandler
	ProblemDetail runInProgress(RunConflictException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setType(RUN_IN_PROGRESS);
		problem.setTitle("Run already in progress");
		problem.setProperty("runningRunId", ex.runningRunId());
		return problem;
	}

	/** The same request again later gets the run's answer: Retry-After says when. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> idempotentRunInProgress(IdempotentRunInProgressException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setType(IDEMPOTENT_RUN_IN_PROGRESS);
		problem.setTitle("Run of this idempotency key in progress");
		problem.setProperty("runningRunId", ex.runId());
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, ex.retryAfter().toSeconds())))
			.body(problem);
	}

	@ExceptionHandler
	ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setType(IDEMPOTENCY_KEY_REUSED);
		problem.setTitle("Idempotency key reused");
		problem.setProperty("runId", ex.runId());
		problem.setProperty("fields", List.of("Idempotency-Key"));
		return problem;
	}

	@ExceptionHandler
	ProblemDetail dependencyUnavailable(DependencyUnavailableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setType(DEPENDENCY_UNAVAILABLE);
		problem.setTitle(ex.dependency() + " unavailable");
		problem.setProperty("dependency", ex.dependency());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		log.error("request failed unexpectedly", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"an internal error occurred; see the service's log");
		problem.setType(INTERNAL_ERROR);
		problem.setTitle("Internal error");
		return problem;
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		DatabindException bind = find(ex, DatabindException.class);
		ProblemDetail problem;
		if (bind != null && !bind.getPath().isEmpty()) {
			String field = fieldPath(bind.getPath());
			problem = invalidRequest(field + ": " + describe(field), List.of(field));
		}
		else if (bind != null) {
			problem = invalidRequest("request body must be a JSON object with optional tenantIds and asOf", List.of());
		}
		else if (find(ex, JacksonException.class) != null) {
			problem = invalidRequest("request body is not valid JSON", List.of());
		}
		else {
			problem = invalidRequest("request body cannot be read", List.of());
		}
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getBindingResult().getFieldErrors();
		String detail = errors.stream()
			.map((error) -> error.getField() + ": " + error.getDefaultMessage())
			.collect(Collectors.joining("; "));
		return ResponseEntity.badRequest()
			.body(invalidRequest(detail, errors.stream().map(FieldError::getField).distinct().toList()));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<String> fields = ex.getParameterValidationResults()
			.stream()
			.map((result) -> result.getMethodParameter().getParameterName())
			.toList();
		String detail = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> result.getMethodParameter().getParameterName() + ": " + error.getDefaultMessage()))
			.collect(Collectors.joining("; "));
		return ResponseEntity.badRequest().body(invalidRequest(detail, fields));
	}

	private static <T extends Throwable> T find(Throwable top, Class<T> type) {
		for (Throwable cause = top; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private static ProblemDetail invalidRequest(String detail, List<String> fields) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(INVALID_REQUEST);
		problem.setTitle("Invalid request");
		if (!fields.isEmpty()) {
			problem.setProperty("fields", fields);
		}
		return problem;
	}

	private static String fieldPath(List<JacksonException.Reference> path) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			if (reference.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.toString();
	}

	/** Jackson's own messages quote class names; say what the field must be instead. */
	private static String describe(String field) {
		if (field.startsWith("tenantIds")) {
			return "must be a list of non-empty strings";
		}
		if (field.equals("asOf")) {
			return "must be an ISO-8601 instant, e.g. 2026-11-22T06:00:00Z";
		}
		return "has the wrong type";
	}

}
