package io.modelmonitoring.security;

import java.io.IOException;

import io.modelmonitoring.contracts.LogValues;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A token that could not be checked because the issuer's JWK set could not be fetched
 * (the issuer down or out of reach) is a dependency outage, not the caller's fault: 503
 * problem+json ({@code dependency-unavailable}, {@code dependency: "JWK set"}) with
 * {@code Retry-After}, and one WARN line naming the URI without its user and password.
 * Spring Security's own handler rethrew the failure, which Tomcat answered with 500.
 * Every other failure is a bad token, for the entry point (401).
 */
final class IssuerUnavailableHandler implements AuthenticationFailureHandler {

	static final String DEPENDENCY = "JWK set";

	/** Seconds a caller waits before trying again; the JWK set is fetched anew then. */
	static final int RETRY_AFTER_SECONDS = 5;

	private static final Logger log = LoggerFactory.getLogger(IssuerUnavailableHandler.class);

	private final AuthenticationEntryPoint badToken;

	private final String shownUri;

	IssuerUnavailableHandler(AuthenticationEntryPoint badToken, String jwkSetUri) {
		this.badToken = badToken;
		this.shownUri = JwkSets.shown(jwkSetUri);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (!(exception instanceof AuthenticationServiceException)) {
			this.badToken.commence(request, response, exception);
			return;
		}
		// The cause's message is Nimbus' (the URL it sees has no user or password), and
		// is escaped; no stack trace: one line per refused request.
		log.warn("{} {} refused with 503: the JWK set {} cannot be fetched: {}", LogValues.escape(request.getMethod()),
				LogValues.escape(request.getRequestURI()), this.shownUri, LogValues.escape(reason(exception)));
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
		ProblemResponses.write(request, response, ProblemExceptionHandler.dependencyUnavailable(DEPENDENCY,
				"the issuer's keys cannot be fetched to check the token; try again later"));
	}

	private static String reason(Throwable exception) {
		Throwable deepest = exception;
		while (deepest.getCause() != null && deepest.getCause() != deepest) {
			deepest = deepest.getCause();
		}
		String message = deepest.getMessage();
		return deepest.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
