package io.modelmonitoring.security;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes the {@code application/problem+json} answers given before a request reaches a
 * controller (401, 403, 413), in the shape and with the type URIs of the services' own
 * errors.
 */
final class ProblemResponses {

	static final URI UNAUTHORIZED = URI.create("urn:model-monitoring:problem:unauthorized");

	static final URI FORBIDDEN = URI.create("urn:model-monitoring:problem:forbidden");

	static final URI PAYLOAD_TOO_LARGE = URI.create("urn:model-monitoring:problem:payload-too-large");

	private static final JsonMapper JSON = JsonMapper.shared();

	private ProblemResponses() {
	}

	static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, URI type,
			String title, String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", type.toString());
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		response.setStatus(status.value());
		// Bytes, not the writer: the content type stays exactly application/problem+json
		// (JSON is UTF-8), as the services' own errors send it.
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(JSON.writeValueAsBytes(problem));
		response.flushBuffer();
	}

}
