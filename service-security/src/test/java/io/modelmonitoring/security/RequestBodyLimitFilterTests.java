package io.modelmonitoring.security;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The body cap, with a cap of 16 bytes and a timeout of 300 ms, for a caller whose token
 * was taken: a declared length over the cap is refused unread; a body is read one byte
 * past the cap at most, and handed on from memory when it fits; one that takes longer
 * than the timeout is refused with 408. An anonymous caller's body is not read at all.
 */
class RequestBodyLimitFilterTests {

	static final int CAP = 16;

	static final Duration TIMEOUT = Duration.ofMillis(300);

	final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(CAP, TIMEOUT, false);

	final MockHttpServletResponse response = new MockHttpServletResponse();

	final MockFilterChain chain = new MockFilterChain();

	@BeforeEach
	void authenticated() {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("caller", null, "SCOPE_test:run"));
	}

	@AfterEach
	void clearAuthentication() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void aDeclaredLengthOverTheCapIsRefusedUnread() throws Exception {
		CountingRequest request = new CountingRequest(post(new byte[CAP + 1]), CAP + 1);

		this.filter.doFilter(request, this.response, this.chain);

		assertTooLarge();
		assertThat(request.read.get()).as("bytes read").isZero();
	}

	@Test
	void aDeclaredLengthAtTheCapIsHandedOnFromMemory() throws Exception {
		CountingRequest request = new CountingRequest(post(new byte[CAP]), CAP);

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(request.read.get()).as("bytes read").isEqualTo(CAP);
		assertThat(this.chain.getRequest()).isNotSameAs(request);
		assertThat(this.chain.getRequest().getInputStream().readAllBytes()).hasSize(CAP);
		assertThat(this.response.getStatus()).isEqualTo(200);
	}

	@ParameterizedTest(name = "Content-Length {0}")
	@ValueSource(ints = { CAP, -1 })
	void anAnonymousCallersBodyIsPassedOnUnread(int declaredLength) throws Exception {
		SecurityContextHolder.getContext()
			.setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
					AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
		MockHttpServletRequest post = post(new byte[CAP]);
		if (declaredLength < 0) {
			post.addHeader("Transfer-Encoding", "chunked");
		}
		CountingRequest request = new CountingRequest(post, declaredLength);

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(request.read.get()).as("bytes read").isZero();
		assertThat(this.chain.getRequest()).isSameAs(request);
	}

	@Test
	void withSecurityOffEveryBodyIsRead() throws Exception {
		SecurityContextHolder.clearContext();
		CountingRequest request = chunked(new byte[10 * CAP], "chunked");

		new RequestBodyLimitFilter(CAP, TIMEOUT, true).doFilter(request, this.response, this.chain);

		assertTooLarge();
	}

	@Test
	void aBodyThatTakesLongerThanTheTimeoutIsRefusedWith408() throws Exception {
		CountingRequest request = chunked(new byte[CAP], "chunked");
		request.delayPerRead = Duration.ofMillis(100);

		long start = System.nanoTime();
		this.filter.doFilter(request, this.response, this.chain);
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(this.chain.getRequest()).as("passed on").isNull();
		assertThat(this.response.getStatus()).isEqualTo(408);
		assertThat(this.response.getHeader("Connection")).isEqualTo("close");
		JsonNode problem = JsonMapper.shared().readTree(this.response.getContentAsByteArray());
		assertThat(problem.path("type").asString()).isEqualTo("urn:model-monitoring:problem:request-timeout");
		assertThat(problem.path("detail").asString())
			.isEqualTo("the request body did not arrive within 0.3s (security.request_body_timeout)");
		assertThat(request.read.get()).as("bytes read").isBetween(3L, 5L);
		assertThat(took).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void aReadThatTimesOutIsRefusedWith408() throws Exception {
		CountingRequest request = chunked(new byte[CAP], "chunked");
		request.failure = new SocketTimeoutException("Read timed out");

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(this.response.getStatus()).isEqualTo(408);
	}

	@Test
	void aRequestWithoutBodyIsPassedOnAsItIs() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/things");

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(this.chain.getRequest()).isSameAs(request);
	}

	@ParameterizedTest(name = "Transfer-Encoding: {0}")
	@ValueSource(strings = { "chunked", "gzip, Chunked" })
	void aChunkedBodyOverTheCapIsRefusedAfterReadingOneBytePastIt(String encoding) throws Exception {
		CountingRequest request = chunked(new byte[10 * CAP], encoding);

		this.filter.doFilter(request, this.response, this.chain);

		assertTooLarge();
		assertThat(request.read.get()).as("bytes read").isEqualTo(CAP + 1);
	}

	@Test
	void aChunkedBodyWithinTheCapIsHandedOnFromMemory() throws Exception {
		byte[] body = "{\"id\": \"é-1\"}".getBytes(StandardCharsets.UTF_8);
		assertThat(body).hasSizeLessThanOrEqualTo(CAP);
		CountingRequest request = chunked(body, "chunked");

		this.filter.doFilter(request, this.response, this.chain);

		HttpServletRequest passed = (HttpServletRequest) this.chain.getRequest();
		assertThat(passed).isNotSameAs(request);
		assertThat(passed.getContentLengthLong()).isEqualTo(body.length);
		assertThat(passed.getContentLength()).isEqualTo(body.length);
		ServletInputStream in = passed.getInputStream();
		assertThat(in.isReady()).isTrue();
		assertThat(in.isFinished()).isFalse();
		assertThat(in.readAllBytes()).isEqualTo(body);
		assertThat(in.isFinished()).isTrue();
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> in.setReadListener(new IgnoringReadListener()));
		try (BufferedReader reader = passed.getReader()) {
			assertThat(reader.readLine()).isEqualTo("{\"id\": \"é-1\"}");
		}
	}

	@Test
	void theBufferedBodyIsReadInTheRequestsCharacterEncoding() throws Exception {
		byte[] body = "{\"id\": \"é\"}".getBytes(StandardCharsets.ISO_8859_1);
		CountingRequest request = chunked(body, "chunked");
		request.setCharacterEncoding("ISO-8859-1");

		this.filter.doFilter(request, this.response, this.chain);

		try (BufferedReader reader = this.chain.getRequest().getReader()) {
			assertThat(reader.readLine()).isEqualTo("{\"id\": \"é\"}");
		}
	}

	private void assertTooLarge() throws Exception {
		assertThat(this.chain.getRequest()).as("passed on").isNull();
		assertThat(this.response.getStatus()).isEqualTo(413);
		assertThat(this.response.getHeader("Connection")).isEqualTo("close");
		assertThat(this.response.getContentType()).isEqualTo("application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(this.response.getContentAsByteArray());
		assertThat(problem.path("type").asString()).isEqualTo("urn:model-monitoring:problem:payload-too-large");
		assertThat(problem.path("title").asString()).isEqualTo("Request body too large");
		assertThat(problem.path("status").asInt()).isEqualTo(413);
		assertThat(problem.path("detail").asString())
			.isEqualTo("the request body is larger than 16 bytes (security.max_request_body)");
		assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/things");
	}

	private static MockHttpServletRequest post(byte[] body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/things");
		request.setContentType("application/json");
		request.setContent(body);
		return request;
	}

	/** A body sent without a Content-Length. */
	private static CountingRequest chunked(byte[] body, String transferEncoding) {
		MockHttpServletRequest request = post(body);
		request.addHeader("Transfer-Encoding", transferEncoding);
		return new CountingRequest(request, -1);
	}

	/**
	 * A request of a given declared length (-1: none) that counts the bytes read, and
	 * gives one byte per read after a delay, or fails, when told to.
	 */
	static final class CountingRequest extends HttpServletRequestWrapper {

		final AtomicLong read = new AtomicLong();

		final long declaredLength;

		Duration delayPerRead;

		IOException failure;

		CountingRequest(MockHttpServletRequest request, long declaredLength) {
			super(request);
			this.declaredLength = declaredLength;
		}

		@Override
		public int getContentLength() {
			return (int) this.declaredLength;
		}

		@Override
		public long getContentLengthLong() {
			return this.declaredLength;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			InputStream counting = new FilterInputStream(super.getInputStream()) {

				@Override
				public int read() throws IOException {
					beforeRead();
					int b = super.read();
					if (b >= 0) {
						CountingRequest.this.read.incrementAndGet();
					}
					return b;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					beforeRead();
					if (CountingRequest.this.delayPerRead != null) {
						length = Math.min(length, 1);
					}
					int n = super.read(buffer, offset, length);
					if (n > 0) {
						CountingRequest.this.read.addAndGet(n);
					}
					return n;
				}

			};
			// Reads of many bytes go to the stream as such, as Tomcat's do.
			return new DelegatingServletInputStream(counting) {

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					return counting.read(buffer, offset, length);
				}

			};
		}

		private void beforeRead() throws IOException {
			if (this.failure != null) {
				throw this.failure;
			}
			if (this.delayPerRead != null) {
				try {
					Thread.sleep(this.delayPerRead.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

	static final class IgnoringReadListener implements ReadListener {

		@Override
		public void onDataAvailable() {
		}

		@Override
		public void onAllDataRead() {
		}

		@Override
		public void onError(Throwable failure) {
		}

	}

}
