package io.modelmonitoring.security.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * An issuer's JWK set endpoint for the tests: serves the public half of its keys on every
 * path, counts the fetches, and keeps the last request's {@code Authorization} header.
 * {@link #serve} changes the keys, as an issuer rotating them does.
 */
public final class JwksServer implements AutoCloseable {

	private final MockWebServer server = new MockWebServer();

	private final AtomicInteger fetches = new AtomicInteger();

	private final AtomicReference<String> body = new AtomicReference<>();

	private final AtomicReference<String> authorization = new AtomicReference<>();

	private JwksServer(RSAKey key) {
		serve(key);
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				JwksServer.this.fetches.incrementAndGet();
				JwksServer.this.authorization.set(request.getHeaders().get("Authorization"));
				return new MockResponse.Builder().code(200)
					.setHeader("Content-Type", "application/json")
					.body(JwksServer.this.body.get())
					.build();
			}
		});
	}

	/** From now on, the public halves of these keys. */
	public void serve(RSAKey... keys) {
		this.body
			.set(new JWKSet(Arrays.stream(keys).map(RSAKey::toPublicJWK).map(JWK.class::cast).toList()).toString());
	}

	/** How many times the JWK set was fetched so far. */
	public int fetches() {
		return this.fetches.get();
	}

	/** The {@code Authorization} header of the last fetch, null without one. */
	public String lastAuthorization() {
		return this.authorization.get();
	}

	public static JwksServer serving(RSAKey key) {
		JwksServer jwks = new JwksServer(key);
		try {
			jwks.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return jwks;
	}

	/** The URL to give {@code security.jwt.jwk_set_uri}. */
	public String url() {
		return this.server.url("/.well-known/jwks.json").toString();
	}

	/** The URL with a user and password in it. */
	public String url(String user, String password) {
		return url().replaceFirst("^http://", "http://" + user + ":" + password + "@");
	}

	@Override
	public void close() {
		this.server.close();
	}

}
