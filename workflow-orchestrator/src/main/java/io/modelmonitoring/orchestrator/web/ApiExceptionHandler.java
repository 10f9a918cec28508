package io.modelmonitoring.orchestrator.web;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import io.modelmonitoring.orchestrator.trigger.TriggerNotPublishedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

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
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as {@code application/problem+json} (RFC 9457) with a stable
 * type URI. Bad input names the field; a 500 never echoes an exception's message.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	static final URI INVALID_REQUEST = URI.create("urn:model-monitoring:problem:invalid-request");

	static final URI UNKNOWN_JOB = URI.create("urn:model-monitoring:problem:unknown-job");

	static final URI DEPENDENCY_UNAVAILABLE = URI.create("urn:model-monitoring:problem:dependency-unavailable");

	static final URI INTERNAL_ERROR = URI.create("urn:model-monitoring:problem:internal-error");

	private static final String BODY_SHAPE = "request body must be empty or a JSON object with optional "
			+ "tenantIds (a list of non-empty strings) and triggeredBy (a string)";

	@ExceptionHandler
	ProblemDetail unknownJob(UnknownJobException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setType(UNKNOWN_JOB);
		problem.setTitle("Unknown job");
		problem.setProperty("job", ex.job());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail triggerNotPublished(TriggerNotPublishedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setType(DEPENDENCY_UNAVAILABLE);
		problem.setTitle("RabbitMQ unavailable");
		problem.setProperty("dependency", "RabbitMQ");
		problem.setProperty("triggerId", ex.triggerId());
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
			String detail = (bind instanceof UnrecognizedPropertyException) ? "is not a known field; " + BODY_SHAPE
					: describe(field);
			problem = invalidRequest(field + ": " + detail, List.of(field));
		}
		else if (bind != null) {
			problem = invalidRequest(BODY_SHAPE, List.of());
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
			.sorted()
			.collect(Collectors.joining("; "));
		return ResponseEntity.badRequest()
			.body(invalidRequest(detail, errors.stream().map(FieldError::getField).distinct().sorted().toList()));
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
		if (field.equals("triggeredBy")) {
			return "must be a string naming who triggers";
		}
		return "has the wrong type";
	}

}
