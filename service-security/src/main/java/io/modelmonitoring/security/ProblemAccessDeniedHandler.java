package io.modelmonitoring.security;

import java.io.IOException;

import io.modelmonitoring.contracts.LogValues;
import io.modelmonitoring.contracts.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 403 for a valid token without the scope the API needs: {@code WWW-Authenticate} with
 * {@code error="insufficient_scope"} and a problem+json body naming the scope.
 */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemAccessDeniedHandler.class);

	private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();

	private final String scope;

	ProblemAccessDeniedHandler(String scope) {
		this.scope = scope;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		this.bearer.handle(request, response, exception);
		String detail = "the token does not grant the scope " + this.scope;
		log.info("{} {} refused: {}", LogValues.escape(request.getMethod()), LogValues.escape(request.getRequestURI()),
				detail);
		ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", detail);
	}

}
