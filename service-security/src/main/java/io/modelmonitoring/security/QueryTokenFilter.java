package io.modelmonitoring.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.modelmonitoring.contracts.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request that carries a token in its URL before anything logs the URL: a token
 * in a URL ends up in logs, proxies and browser histories. Tokens go in the
 * {@code Authorization} header only. Refused: a query or path parameter
 * ({@code ;access_token=}) named {@code access_token} in any case and any
 * percent-encoding ({@code ACCESS_TOKEN}, {@code access%5Ftoken}), and anything in the
 * URL shaped like a JWT (a base64url JSON header naming an {@code alg}, a dot, a payload,
 * a dot), whatever its parameter is called. It looks at the URL only, never at the body
 * or at parameters Tomcat would parse from it.
 */
final class QueryTokenFilter extends OncePerRequestFilter {

	static final String PARAMETER = "access_token";

	/**
	 * The start of a JWS or JWE compact serialization: a header whose base64url begins
	 * with {@code ey} or {@code ew} (a JSON object), a dot, a payload, a dot.
	 */
	private static final Pattern JWT = Pattern.compile("(e[wy][A-Za-z0-9_-]{6,})\\.[A-Za-z0-9_-]+\\.");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean inPath = pathCarriesToken(request.getRequestURI());
		if (inPath || queryCarriesToken(request.getQueryString())) {
			response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_request\"");
			// The answer's instance would echo a path holding the token: it goes without.
			ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED,
					"Unauthorized", "a token in the URL is not taken: send it as Authorization: Bearer <JWT>", !inPath);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Whether the path, as the client sent it (undecoded, with its path parameters),
	 * holds a token.
	 */
	static boolean pathCarriesToken(String requestUri) {
		if (requestUri == null) {
			return false;
		}
		for (String segment : requestUri.split("/")) {
			String[] parameters = segment.split(";");
			for (int i = 1; i < parameters.length; i++) {
				if (namesTheToken(parameters[i])) {
					return true;
				}
			}
		}
		return looksLikeJwt(requestUri);
	}

	/** Whether the query string, as the client sent it, holds a token. */
	static boolean queryCarriesToken(String query) {
		if (query == null) {
			return false;
		}
		for (String parameter : query.split("[&;]")) {
			if (namesTheToken(parameter)) {
				return true;
			}
		}
		return looksLikeJwt(query);
	}

	private static boolean namesTheToken(String parameter) {
		int equals = parameter.indexOf('=');
		String name = (equals >= 0) ? parameter.substring(0, equals) : parameter;
		return PARAMETER.equals(decode(name).strip().toLowerCase(Locale.ROOT));
	}

	private static boolean looksLikeJwt(String raw) {
		return holdsJwt(raw) || holdsJwt(decode(raw));
	}

	private static boolean holdsJwt(String text) {
		Matcher candidate = JWT.matcher(text);
		while (candidate.find()) {
			try {
				String header = new String(Base64.getUrlDecoder().decode(padded(candidate.group(1))),
						StandardCharsets.UTF_8);
				if (header.contains("\"alg\"")) {
					return true;
				}
			}
			catch (IllegalArgumentException ex) {
				// not base64url: no JWT header
			}
		}
		return false;
	}

	private static String padded(String base64url) {
		return switch (base64url.length() % 4) {
			case 2 -> base64url + "==";
			case 3 -> base64url + "=";
			default -> base64url;
		};
	}

	/**
	 * Percent-decoding as a server would do it once, {@code +} as a space; a {@code %}
	 * not followed by two hex digits is kept as it is.
	 */
	static String decode(String raw) {
		if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
			return raw;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
		int i = 0;
		while (i < raw.length()) {
			int c = raw.codePointAt(i);
			if (c == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
				bytes.write(Integer.parseInt(raw, i + 1, i + 3, 16));
				i += 3;
				continue;
			}
			byte[] encoded = (c == '+') ? new byte[] { ' ' }
					: new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
			bytes.write(encoded, 0, encoded.length);
			i += Character.charCount(c);
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

}
