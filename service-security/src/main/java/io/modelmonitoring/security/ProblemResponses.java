package io.modelmonitoring.security;

import java.io.IOException;
import java.net.URI;

import io.modelmonitoring.web.ProblemJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes the {@code application/problem+json} answers given before a request reaches a
 * controller (400, 401, 403, 408, 413): the same {@link ProblemDetail}, type URIs and
 * member order ({@link ProblemJson}) as the services' own errors
 * ({@link ProblemExceptionHandler}). The body of a request refused there is not read (or
 * not to its end), so the answer says {@code Connection: close}, and Tomcat closes the
 * connection instead of reading the rest ({@link TomcatHardening}).
 */
final class ProblemResponses {

	private ProblemResponses() {
	}

	static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, URI type,
			String title, String detail) throws IOException {
		write(request, response, status, type, title, detail, true);
	}

	/**
	 * A problem built elsewhere, e.g.
	 * {@link ProblemExceptionHandler#dependencyUnavailable}.
	 */
	static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		write(request, response, HttpStatus.valueOf(problem.getStatus()), problem, true);
	}

	/**
	 * @param withInstance whether the problem's {@code instance} names the request's path
	 */
	static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, URI type,
			String title, String detail, boolean withInstance) throws IOException {
		write(request, response, status, ProblemExceptionHandler.problem(status, type, title, detail), withInstance);
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			ProblemDetail problem, boolean withInstance) throws IOException {
		try {
			if (withInstance) {
				problem.setInstance(URI.create(request.getRequestURI()));
			}
		}
		catch (IllegalArgumentException ex) {
			// a path that is no URI reference: the answer goes without its instance
		}
		response.setStatus(status.value());
		if (hasBody(request)) {
			response.setHeader(HttpHeaders.CONNECTION, "close");
		}
		// Bytes, not the writer: the content type stays exactly application/problem+json
		// (JSON is UTF-8), as the services' own errors send it.
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(ProblemJson.bytes(problem));
		response.flushBuffer();
	}

	private static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
	}

}
