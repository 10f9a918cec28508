package io.modelmonitoring.localstack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * The local stack's security: a shared secret made anew for each start (nothing ships a
 * default), and HS256 tokens minted with it for the demo and for the operator's curl
 * commands, good for both APIs.
 */
final class OperatorToken {

	static final Duration LIFETIME = Duration.ofHours(1);

	static final List<String> AUDIENCES = List.of("ml-service", "workflow-orchestrator");

	static final String SCOPES = "model-monitoring:run workflow:trigger";

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private OperatorToken() {
	}

	/** 32 random bytes, Base64url: 43 characters, whose UTF-8 bytes are the HS256 key. */
	static String newSecret() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return BASE64URL.encodeToString(bytes);
	}

	static String mint(String secret, Instant now) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", "local-operator");
		claims.put("aud", AUDIENCES);
		claims.put("scope", SCOPES);
		claims.put("iat", now.getEpochSecond());
		claims.put("exp", now.plus(LIFETIME).getEpochSecond());
		JsonMapper json = JsonMapper.shared();
		String signingInput = BASE64URL.encodeToString(json.writeValueAsBytes(Map.of("alg", "HS256", "typ", "JWT")))
				+ "." + BASE64URL.encodeToString(json.writeValueAsBytes(claims));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return signingInput + "."
					+ BASE64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

}
