package io.modelmonitoring.security;

import java.io.IOException;

import io.modelmonitoring.contracts.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request that carries {@code access_token} in its URL before anything logs the
 * URL: a token in a URL ends up in logs, proxies and browser histories. Tokens go in the
 * {@code Authorization} header only.
 */
final class QueryTokenFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		if (query != null && (query.startsWith("access_token=") || query.contains("&access_token="))) {
			response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_request\"");
			ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED,
					"Unauthorized", "a token in the URL is not taken: send it as Authorization: Bearer <JWT>");
			return;
		}
		chain.doFilter(request, response);
	}

}
