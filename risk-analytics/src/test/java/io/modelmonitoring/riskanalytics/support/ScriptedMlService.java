package io.modelmonitoring.riskanalytics.support;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * ml-service played by MockWebServer. Answers are scripted per trigger, by the request's
 * {@code Idempotency-Key}, so tests sharing one server never take each other's answers; a
 * trigger without a script gets a plain success.
 */
public final class ScriptedMlService extends Dispatcher implements AutoCloseable {

	public static final String SUCCESS_BODY = """
			{"runId": "run-%s", "asOf": "2026-11-22T06:00:00Z", "tenants": 3, "performanceChecked": 6,
			 "performanceDegraded": 2, "driftChecked": 4, "driftDetected": 1, "driftSkipped": 2,
			 "driftSkippedReason": null, "invalidEvaluations": 1, "invalidRecords": 5, "eventsPublished": 3,
			 "durationMs": 812, "someFieldFromTheFuture": {"x": 1},
			 "results": [{"tenantId": "tenant-1", "modelId": "risk-scoring", "psi": 0.31, "pValue": 0.0004,
			              "baselineCount": 412, "currentCount": 97, "brier": 0.27, "mae": null, "drift": true,
			              "degraded": ["brier"]}]}
			""";

	private static final String SLOW_HEADER = "X-Test-Delay-Millis";

	private final MockWebServer server = new MockWebServer();

	private final CountDownLatch closed = new CountDownLatch(1);

	private final Map<String, Deque<MockResponse>> scripts = new ConcurrentHashMap<>();

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	public ScriptedMlService() {
		this.server.setDispatcher(this);
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("MockWebServer did not start", ex);
		}
	}

	/** The base URL, as {@code services.ml_service.url} takes it. */
	public String url() {
		String url = this.server.url("/").toString();
		return url.substring(0, url.length() - 1);
	}

	/** The answers, in order, to the calls made for the trigger. */
	public void script(String triggerId, MockResponse... responses) {
		this.scripts.put(triggerId, new ArrayDeque<>(List.of(responses)));
	}

	public List<RecordedRequest> requestsFor(String triggerId) {
		return this.requests.stream().filter((request) -> triggerId.equals(idempotencyKey(request))).toList();
	}

	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	public static String idempotencyKey(RecordedRequest request) {
		return request.getHeaders().get("Idempotency-Key");
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
		this.requests.add(request);
		String key = idempotencyKey(request);
		Deque<MockResponse> script = (key != null) ? this.scripts.get(key) : null;
		MockResponse next = (script != null) ? script.poll() : null;
		if (next == null) {
			return success(key);
		}
		String delay = next.getHeaders().get(SLOW_HEADER);
		if (delay != null) {
			// Holds this connection's thread only; close() releases it at once.
			this.closed.await(Long.parseLong(delay), TimeUnit.MILLISECONDS);
			return next.newBuilder().removeHeader(SLOW_HEADER).build();
		}
		return next;
	}

	public static MockResponse success(String triggerId) {
		return json(200, "application/json", SUCCESS_BODY.formatted(triggerId));
	}

	public static MockResponse problem(int status, String title, String detail) {
		return json(status, "application/problem+json",
				"{\"type\": \"about:blank\", \"title\": \"%s\", \"status\": %d, \"detail\": \"%s\"}".formatted(title,
						status, detail));
	}

	/**
	 * An answer of which nothing, not even the status line, is sent before the delay, as
	 * ml-service does while a run is busy: a read timeout for a client waiting less.
	 */
	public static MockResponse slow(MockResponse response, long millis) {
		return response.newBuilder().addHeader(SLOW_HEADER, millis).build();
	}

	private static MockResponse json(int status, String contentType, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", contentType).body(body).build();
	}

	@Override
	public void close() {
		this.closed.countDown();
		this.server.close();
	}

}
