package io.modelmonitoring.security;

import java.io.IOException;

import io.modelmonitoring.contracts.LogValues;
import io.modelmonitoring.contracts.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A request the firewall refuses (an encoded slash, a control character in a header…) is
 * a 400 problem+json like every other bad request, not a bare status or a 500. Its detail
 * does not echo what was refused, and the log line holds it escaped.
 */
class ProblemRequestRejectedHandler implements RequestRejectedHandler {

	static final String DETAIL = "the path or a header holds characters that are not allowed";

	private static final Logger log = LoggerFactory.getLogger(ProblemRequestRejectedHandler.class);

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException requestRejectedException) throws IOException {
		log.info("{} {} refused by the firewall: {}", LogValues.escape(request.getMethod()),
				LogValues.escape(request.getRequestURI()), LogValues.escape(requestRejectedException.getMessage()));
		ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST,
				"Invalid request", DETAIL);
	}

}
