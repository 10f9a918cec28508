package io.modelmonitoring.security;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

/**
 * The issuer's keys, from {@code security.jwt.jwk_set_uri}, through Nimbus'
 * {@link JWKSourceBuilder}: cached for
 * {@link SecurityProperties#JWK_SET_CACHE_TIME_TO_LIVE}, and fetched again when a token
 * names a key id the cached set lacks (a key rotation), but at most twice per
 * {@code security.jwt.jwk_set_refresh_interval}: a token with a made-up key id is refused
 * (401) without a fetch once that limit is reached, so anonymous callers cannot make the
 * service hammer its issuer. While the issuer is out of reach (its last fetch failed), a
 * token the limit keeps from fetching is not a bad token but one that cannot be checked
 * yet: a failure to fetch the keys (503, {@link IssuerUnavailableHandler}), as the fetch
 * itself was, so that a valid token is never refused as bad during an outage. A user and
 * password in the URI are sent as HTTP Basic credentials, and left out of the URL Nimbus
 * (and so every message and log line) sees.
 */
final class JwkSets {

	private JwkSets() {
	}

	static JWKSource<SecurityContext> source(SecurityProperties.Jwt jwt) {
		URI uri = URI.create(jwt.jwkSetUri());
		// Nimbus' timeouts and size limit, as Spring's own JWK set client has them.
		DefaultResourceRetriever retriever = new DefaultResourceRetriever(JWKSourceBuilder.DEFAULT_HTTP_CONNECT_TIMEOUT,
				JWKSourceBuilder.DEFAULT_HTTP_READ_TIMEOUT, JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT);
		if (uri.getRawUserInfo() != null) {
			String credentials = Base64.getEncoder().encodeToString(uri.getUserInfo().getBytes(StandardCharsets.UTF_8));
			retriever.setHeaders(Map.of("Authorization", List.of("Basic " + credentials)));
		}
		LastFetch issuer = new LastFetch(new URLBasedJWKSetSource<>(url(withoutUserInfo(uri)), retriever));
		JWKSource<SecurityContext> keys = JWKSourceBuilder.create(issuer)
			.cache(SecurityProperties.JWK_SET_CACHE_TIME_TO_LIVE.toMillis(),
					JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
			.rateLimited(jwt.jwkSetRefreshInterval().toMillis())
			.build();
		return (selector, context) -> {
			try {
				return keys.get(selector, context);
			}
			catch (RateLimitReachedException ex) {
				KeySourceException failure = issuer.failure();
				if (failure != null) {
					// The issuer was out of reach when last asked: the keys are unknown,
					// not the token bad.
					throw new JWKSetUnavailableException("Couldn't retrieve JWK set from URL, and it is not "
							+ "fetched again so soon: " + failure.getMessage(), failure);
				}
				// Not fetched again so soon: no key of that id, as for any unknown key (a
				// bad token, 401), not a failure to verify it (500).
				return List.of();
			}
		};
	}

	/**
	 * The issuer's JWK set endpoint, remembering whether its last fetch failed (and how),
	 * below the cache and the rate limit, so that only real fetches count.
	 */
	static final class LastFetch implements JWKSetSource<SecurityContext> {

		private final JWKSetSource<SecurityContext> source;

		private final AtomicReference<KeySourceException> failure = new AtomicReference<>();

		LastFetch(JWKSetSource<SecurityContext> source) {
			this.source = source;
		}

		@Override
		public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
				throws KeySourceException {
			try {
				JWKSet keys = this.source.getJWKSet(refreshEvaluator, currentTime, context);
				this.failure.set(null);
				return keys;
			}
			catch (KeySourceException ex) {
				this.failure.set(ex);
				throw ex;
			}
		}

		/** The last fetch's failure; null when it succeeded, or before the first. */
		KeySourceException failure() {
			return this.failure.get();
		}

		@Override
		public void close() throws IOException {
			this.source.close();
		}

	}

	/** The URI as logs show it: without user and password. */
	static String shown(String uri) {
		try {
			return withoutUserInfo(URI.create(uri)).toString();
		}
		catch (IllegalArgumentException ex) {
			return uri.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@", "$1");
		}
	}

	private static URI withoutUserInfo(URI uri) {
		if (uri.getRawUserInfo() == null) {
			return uri;
		}
		return URI.create(uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "")
				+ uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : ""));
	}

	private static URL url(URI uri) {
		try {
			return uri.toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("security.jwt.jwk_set_uri is not a valid URL", ex);
		}
	}

}
