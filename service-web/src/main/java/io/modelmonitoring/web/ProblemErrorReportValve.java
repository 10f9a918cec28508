package io.modelmonitoring.web;

import java.io.IOException;
import java.net.URI;

import io.modelmonitoring.contracts.ProblemTypes;
import org.apache.catalina.Container;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The answer of a request Tomcat refuses itself, before any filter or servlet runs (an
 * encoded slash or a bad {@code %} escape in the path, an invalid character in the
 * request line, a header over the size limit): {@code application/problem+json} like
 * every other error of the services, in place of Tomcat's HTML page. The detail is one
 * fixed sentence per status: Tomcat's own message quotes the request target, which may
 * hold a token. An answer the application wrote stays as it is.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

	/**
	 * Puts this valve in place of the host's error report valve, Tomcat's own or the one
	 * Spring Boot adds, so that no HTML page is written before it.
	 */
	static void install(Container host) {
		for (Valve valve : host.getPipeline().getValves()) {
			if (valve instanceof ErrorReportValve) {
				host.getPipeline().removeValve(valve);
			}
		}
		if (host instanceof StandardHost tomcatHost) {
			// The host adds a valve of this class at start unless it finds one.
			tomcatHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
		}
		host.getPipeline().addValve(new ProblemErrorReportValve());
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		byte[] body = body(status);
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setContentLength(body.length);
			if (status == HttpStatus.BAD_REQUEST.value() || status == HttpStatus.REQUEST_TIMEOUT.value()) {
				// Tomcat closes the connection after refusing a request it could not
				// read.
				response.setHeader(HttpHeaders.CONNECTION, "close");
			}
			response.getOutputStream().write(body);
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone, or the answer is on its way already
		}
	}

	static byte[] body(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail(status));
		problem.setType(type(status));
		problem.setTitle(title);
		return ProblemJson.bytes(problem);
	}

	/** The services' type of the status where they have one, else RFC 9457's default. */
	private static URI type(int status) {
		return switch (status) {
			case 400 -> ProblemTypes.INVALID_REQUEST;
			case 408 -> ProblemTypes.REQUEST_TIMEOUT;
			case 413 -> ProblemTypes.PAYLOAD_TOO_LARGE;
			case 500 -> ProblemTypes.INTERNAL_ERROR;
			default -> URI.create("about:blank");
		};
	}

	private static String detail(int status) {
		return switch (status) {
			case 400 -> "the request is malformed: its request line, path or headers cannot be read "
					+ "(an encoded '/', a bad '%' escape, a character not allowed, a header too large)";
			case 408 -> "the request did not arrive in time";
			case 413 -> "the request is too large";
			case 500 -> "an internal error occurred; see the service's log";
			default -> "the server refused the request";
		};
	}

}
