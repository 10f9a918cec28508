package io.modelmonitoring.security.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * An issuer's JWK set endpoint for the tests: serves the public half of its keys on every
 * path, counts the fetches, and keeps the last request's {@code Authorization} header.
 * {@link #serve} changes the keys, as an issuer rotating them does; {@link #fail} makes
 * it go down in one of the ways an issuer does, and {@link #recover} brings it back on
 * the same URL.
 */
public final class JwksServer implements AutoCloseable {

	/** How the issuer is out of reach. */
	public enum Outage {

		/** Nothing listens on its port: the connection is refused. */
		STOPPED,

		/** It answers 500. */
		ERROR,

		/** It takes the request and never answers. */
		HANGING

	}

	private final AtomicInteger fetches = new AtomicInteger();

	private final AtomicReference<String> body = new AtomicReference<>();

	private final AtomicReference<String> authorization = new AtomicReference<>();

	private final AtomicReference<Outage> outage = new AtomicReference<>();

	private MockWebServer server;

	private int port;

	private JwksServer(RSAKey key) {
		serve(key);
	}

	/** From now on, the public halves of these keys. */
	public void serve(RSAKey... keys) {
		this.body
			.set(new JWKSet(Arrays.stream(keys).map(RSAKey::toPublicJWK).map(JWK.class::cast).toList()).toString());
	}

	/** From now on the issuer is out of reach, in this way, until {@link #recover}. */
	public synchronized void fail(Outage how) {
		this.outage.set(how);
		if (how == Outage.STOPPED) {
			this.server.close();
		}
	}

	/** The issuer answers again, on the same URL, with the keys it served before. */
	public synchronized void recover() {
		if (this.outage.getAndSet(null) == Outage.STOPPED) {
			start(this.port);
		}
	}

	/** How many times the JWK set was fetched so far (answered or not). */
	public int fetches() {
		return this.fetches.get();
	}

	/** The {@code Authorization} header of the last fetch, null without one. */
	public String lastAuthorization() {
		return this.authorization.get();
	}

	public static JwksServer serving(RSAKey key) {
		JwksServer jwks = new JwksServer(key);
		jwks.start(0);
		return jwks;
	}

	private void start(int port) {
		MockWebServer server = new MockWebServer();
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return answer(request);
			}
		});
		try {
			server.start(InetAddress.getLoopbackAddress(), port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server = server;
		this.port = server.getPort();
	}

	private MockResponse answer(RecordedRequest request) {
		this.fetches.incrementAndGet();
		this.authorization.set(request.getHeaders().get("Authorization"));
		Outage down = this.outage.get();
		if (down == Outage.ERROR) {
			return new MockResponse.Builder().code(500).body("issuer down").build();
		}
		if (down == Outage.HANGING) {
			// Holds the connection without a byte of answer until the client gives up.
			return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
		}
		return new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "application/json")
			.body(this.body.get())
			.build();
	}

	/** The URL to give {@code security.jwt.jwk_set_uri}. */
	public String url() {
		return "http://127.0.0.1:" + this.port + "/.well-known/jwks.json";
	}

	/** The URL with a user and password in it. */
	public String url(String user, String password) {
		return url().replaceFirst("^http://", "http://" + user + ":" + password + "@");
	}

	@Override
	public synchronized void close() {
		this.server.close();
	}

}
