package io.modelmonitoring.security;

import java.io.IOException;

import io.modelmonitoring.contracts.LogValues;
import io.modelmonitoring.contracts.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 for a missing or rejected token: the {@code WWW-Authenticate} header of RFC 6750
 * (from Spring's entry point) and a problem+json body saying why. Neither the body nor
 * the log carries the token: only the verifier's reason, which never quotes it. The log
 * line takes the request's method, path and that reason escaped ({@link LogValues}).
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	/** The verifier's reasons are short; one quoting a claim is cut. */
	private static final int MAX_LOGGED_DETAIL = 1_000;

	private static final Logger log = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		this.bearer.commence(request, response, exception);
		String detail;
		if (exception instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null) {
			detail = "the bearer token was rejected: " + oauth.getError().getDescription();
			log.info("{} {} refused: {}", LogValues.escape(request.getMethod()),
					LogValues.escape(request.getRequestURI()), LogValues.escape(detail, MAX_LOGGED_DETAIL));
		}
		else {
			detail = "a bearer token is required (Authorization: Bearer <JWT>)";
			log.debug("{} {} refused: no bearer token", LogValues.escape(request.getMethod()),
					LogValues.escape(request.getRequestURI()));
		}
		ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
				detail);
	}

}
