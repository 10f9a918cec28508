package io.modelmonitoring.security;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

/**
 * The issuer's keys, from {@code security.jwt.jwk_set_uri}, through Nimbus'
 * {@link JWKSourceBuilder}: cached for
 * {@link SecurityProperties#JWK_SET_CACHE_TIME_TO_LIVE}, and fetched again when a token
 * names a key id the cached set lacks (a key rotation), but at most twice per
 * {@code security.jwt.jwk_set_refresh_interval}: a token with a made-up key id is refused
 * (401) without a fetch once that limit is reached, so anonymous callers cannot make the
 * service hammer its issuer. A user and password in the URI are sent as HTTP Basic
 * credentials, and left out of the URL Nimbus (and so every message and log line) sees.
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
		JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(url(withoutUserInfo(uri)), retriever)
			.cache(SecurityProperties.JWK_SET_CACHE_TIME_TO_LIVE.toMillis(),
					JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
			.rateLimited(jwt.jwkSetRefreshInterval().toMillis())
			.build();
		return (selector, context) -> {
			try {
				return keys.get(selector, context);
			}
			catch (RateLimitReachedException ex) {
				// Not fetched again so soon: no key of that id, as for any unknown key (a
				// bad token, 401), not a failure to verify it (500).
				return List.of();
			}
		};
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
