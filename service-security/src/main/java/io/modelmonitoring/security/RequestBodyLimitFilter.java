package io.modelmonitoring.security;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import io.modelmonitoring.contracts.LogValues;
import io.modelmonitoring.contracts.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a request's body, up to {@code security.max_request_body} and within
 * {@code security.request_body_timeout}, before anything parses it, and hands it on from
 * memory: 413 problem+json to a larger body (a declared length over the cap is refused
 * unread), 408 to one that does not arrive in time. It runs after Spring Security, so it
 * reads only the bodies of requests whose token was taken: an anonymous request is
 * refused (401) before a byte of its body is read, and an anonymous request to an open
 * path (health, Prometheus) is passed on unread. While it reads, Tomcat's upload timeout
 * (the same duration, {@link TomcatHardening}) bounds how long one read may wait.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(RequestBodyLimitFilter.class);

	private final long maxBytes;

	private final Duration timeout;

	private final boolean readAnonymous;

	/**
	 * @param readAnonymous whether to read the body of a request without a token too:
	 * with security off, every request is anonymous
	 */
	RequestBodyLimitFilter(long maxBytes, Duration timeout, boolean readAnonymous) {
		this.maxBytes = maxBytes;
		this.timeout = timeout;
		this.readAnonymous = readAnonymous;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.maxBytes) {
			tooLarge(request, response);
			return;
		}
		if (declared == 0 || (declared < 0 && !hasChunkedBody(request)) || !(this.readAnonymous || authenticated())) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body;
		try {
			body = read(request.getInputStream());
		}
		catch (BodyTimeoutException ex) {
			timedOut(request, response);
			return;
		}
		if (body.length > this.maxBytes) {
			tooLarge(request, response);
			return;
		}
		chain.doFilter(new BufferedBodyRequest(request, body), response);
	}

	/**
	 * The body, or its first {@code maxBytes + 1} bytes. Each read returns what has
	 * arrived; the deadline is checked after each, and Tomcat's upload timeout ends a
	 * read that waits as long.
	 */
	private byte[] read(InputStream in) throws IOException {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		long limit = this.maxBytes + 1;
		ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(limit, 8192));
		byte[] buffer = new byte[8192];
		try {
			while (body.size() < limit) {
				int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - body.size()));
				if (n < 0) {
					break;
				}
				body.write(buffer, 0, n);
				if (System.nanoTime() - deadline > 0) {
					throw new BodyTimeoutException();
				}
			}
		}
		catch (IOException ex) {
			if (ex instanceof BodyTimeoutException || System.nanoTime() - deadline > 0 || isTimeout(ex)) {
				throw new BodyTimeoutException();
			}
			throw ex;
		}
		return body.toByteArray();
	}

	private static boolean isTimeout(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private static boolean authenticated() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

	private static boolean hasChunkedBody(HttpServletRequest request) {
		String encoding = request.getHeader("Transfer-Encoding");
		return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
	}

	private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String detail = "the request body is larger than " + this.maxBytes + " bytes (security.max_request_body)";
		refused(request, detail);
		// The connection ends (ProblemResponses says so): the rest of the body is not
		// read.
		ProblemResponses.write(request, response, HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
				"Request body too large", detail);
	}

	private void timedOut(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String detail = "the request body did not arrive within " + Durations.shown(this.timeout)
				+ " (security.request_body_timeout)";
		refused(request, detail);
		if (!response.isCommitted()) {
			ProblemResponses.write(request, response, HttpStatus.REQUEST_TIMEOUT, ProblemTypes.REQUEST_TIMEOUT,
					"Request body too slow", detail);
		}
	}

	private static void refused(HttpServletRequest request, String detail) {
		log.info("{} {} refused: {}", LogValues.escape(request.getMethod()), LogValues.escape(request.getRequestURI()),
				detail);
	}

	/** The body did not arrive within the timeout. */
	private static final class BodyTimeoutException extends IOException {

		BodyTimeoutException() {
			super("request body timed out", null);
		}

	}

	/** The request with its body already read into memory. */
	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			InputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() throws IOException {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return available() == 0;
				}

				@Override
				public int available() {
					try {
						return in.available();
					}
					catch (IOException ex) {
						return 0;
					}
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body is already in memory");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

	}

}
