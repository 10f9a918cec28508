package io.modelmonitoring.security;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.modelmonitoring.contracts.LogValues;
import io.modelmonitoring.contracts.ProblemTypes;
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
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The base of each service's {@code @RestControllerAdvice}: every error of its API as
 * {@code application/problem+json} (RFC 9457) with a stable type URI
 * ({@link ProblemTypes}), its members in one order (type, title, status, detail,
 * instance, then the problem's own), as the answers given before a controller (401, 403,
 * 413) have them. Bad input names the fields, sorted, so that one request always gets one
 * answer; a 500 never echoes an exception's message. A service adds the mappings of its
 * own exceptions, built with {@link #problem}, and says what its request bodies look
 * like.
 */
public abstract class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

	/** A key named in Jackson's duplicate-key message, when it is a plain field name. */
	private static final Pattern DUPLICATE_KEY = Pattern.compile("[\"']([A-Za-z][A-Za-z0-9_]{0,63})[\"']");

	/** The service's own handler's: its log configuration applies. */
	private final Logger log = LoggerFactory.getLogger(getClass());

	/**
	 * What the service's request bodies must be, the detail of a body of the wrong shape,
	 * e.g. "request body must be a JSON object with optional tenantIds and asOf".
	 */
	protected abstract String bodyShape();

	/**
	 * What a field given a value of the wrong type must be, in the service's words:
	 * Jackson's own messages quote class names.
	 */
	protected String describeField(String field) {
		return "has the wrong type";
	}

	/** A problem with its type, title and detail; its own members go in as properties. */
	public static ProblemDetail problem(HttpStatusCode status, URI type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}

	/** 503: a server the request needs is out of reach; {@code dependency} names it. */
	public static ProblemDetail dependencyUnavailable(String dependency, String detail) {
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.DEPENDENCY_UNAVAILABLE,
				dependency + " unavailable", detail);
		problem.setProperty("dependency", dependency);
		return problem;
	}

	/** 400, with {@code fields} naming what is wrong, unless the body as a whole is. */
	public static ProblemDetail invalidRequest(String detail, List<String> fields) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
				detail);
		if (!fields.isEmpty()) {
			problem.setProperty("fields", fields);
		}
		return problem;
	}

	@ExceptionHandler
	protected ProblemDetail unexpected(Exception ex) {
		this.log.error("request failed unexpectedly", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL_ERROR, "Internal error",
				"an internal error occurred; see the service's log");
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		DatabindException bind = find(ex, DatabindException.class);
		ProblemDetail problem;
		if (bind != null && !bind.getPath().isEmpty()) {
			String field = fieldPath(bind.getPath());
			String detail = (bind instanceof UnrecognizedPropertyException) ? "is not a known field; " + bodyShape()
					: describeField(field);
			problem = invalidRequest(field + ": " + detail, List.of(field));
		}
		else if (bind != null) {
			problem = invalidRequest(bodyShape(), List.of());
		}
		else if (find(ex, JacksonException.class) != null) {
			JacksonException json = find(ex, JacksonException.class);
			String duplicate = duplicateKey(json);
			problem = (duplicate != null)
					? invalidRequest(duplicate + ": appears more than once; each key may be given once",
							List.of(duplicate))
					: invalidRequest("request body is not valid JSON", List.of());
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

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<String> fields = ex.getParameterValidationResults()
			.stream()
			.map((result) -> result.getMethodParameter().getParameterName())
			.distinct()
			.sorted()
			.toList();
		String detail = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> result.getMethodParameter().getParameterName() + ": " + error.getDefaultMessage()))
			.sorted()
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

	/**
	 * The firewall checks a header when it is read, so a refused header value surfaces
	 * here, inside the request: the same 400 as a refusal before it.
	 */
	@ExceptionHandler
	ProblemDetail requestRejected(RequestRejectedException ex) {
		this.log.info("request refused by the firewall: {}", LogValues.escape(ex.getMessage()));
		return invalidRequest(ProblemRequestRejectedHandler.DETAIL, List.of());
	}

	/**
	 * The key a duplicate-key refusal names, when it names one that is a plain field name
	 * (it is echoed back, so nothing else is).
	 */
	private static String duplicateKey(JacksonException ex) {
		String message = ex.getOriginalMessage();
		if (message == null || !message.startsWith("Duplicate")) {
			return null;
		}
		Matcher name = DUPLICATE_KEY.matcher(message);
		return name.find() ? name.group(1) : "body";
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

}
