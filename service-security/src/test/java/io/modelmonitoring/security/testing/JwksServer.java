package io.modelmonitoring.security.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * An issuer's JWK set endpoint for the tests: serves the public half of one key on every
 * path.
 */
public final class JwksServer implements AutoCloseable {

	private final MockWebServer server = new MockWebServer();

	private JwksServer(RSAKey key) {
		String body = new JWKSet(key.toPublicJWK()).toString();
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return new MockResponse.Builder().code(200)
					.setHeader("Content-Type", "application/json")
					.body(body)
					.build();
			}
		});
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

	@Override
	public void close() {
		this.server.close();
	}

}
