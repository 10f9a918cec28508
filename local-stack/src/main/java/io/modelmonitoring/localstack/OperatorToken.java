package io.modelmonitoring.localstack;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * The local stack's security: a shared secret made anew for each start (nothing ships a
 * default), and HS256 tokens minted with it for the demo and for the operator's curl
 * commands, good for both APIs. While the stack runs, the secret is also in
 * {@code <data-dir>/jwt-secret} (owner-only, with the stack's process id) so that
 * {@code local-stack --token} can mint a fresh token; the stack deletes it when it stops.
 * Public for the benchmarks, which mint their tokens the same way.
 */
public final class OperatorToken {

	static final Duration LIFETIME = Duration.ofHours(1);

	static final List<String> AUDIENCES = List.of("ml-service", "workflow-orchestrator");

	static final String SCOPES = "model-monitoring:run workflow:trigger";

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	static final String SECRET_FILE = "jwt-secret";

	private OperatorToken() {
	}

	/**
	 * Writes the secret to {@code <dataDir>/jwt-secret}, readable by its owner only from
	 * the moment it exists, with this process's id.
	 * @return what deletes the file again
	 */
	static AutoCloseable keepSecret(Path dataDir, String secret) throws IOException {
		Path file = dataDir.resolve(SECRET_FILE);
		Files.deleteIfExists(file);
		Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Properties properties = new Properties();
		properties.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
		properties.setProperty("secret", secret);
		StringWriter text = new StringWriter();
		properties.store(text, "The running local stack's JWT secret; deleted when it stops");
		Files.writeString(file, text.toString(), StandardCharsets.ISO_8859_1);
		return () -> Files.deleteIfExists(file);
	}

	/**
	 * A fresh token from the secret of the stack that runs with this data directory.
	 * @throws IllegalStateException when no stack runs with it, saying so
	 */
	static String mintForRunningStack(Path dataDir, Instant now) throws IOException {
		Path file = dataDir.resolve(SECRET_FILE);
		Properties properties = new Properties();
		try {
			properties.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
		}
		catch (NoSuchFileException ex) {
			throw new IllegalStateException("no local stack is running with data dir " + dataDir + " (there is no "
					+ file + "); start one with scripts/run-local.sh, or give its --data-dir");
		}
		long pid = Long.parseLong(properties.getProperty("pid", "-1"));
		if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
			throw new IllegalStateException("the local stack that wrote " + file + " (pid " + pid
					+ ") is no longer running; start it again with scripts/run-local.sh");
		}
		return mint(properties.getProperty("secret"), now);
	}

	/** 32 random bytes, Base64url: 43 characters, whose UTF-8 bytes are the HS256 key. */
	public static String newSecret() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return BASE64URL.encodeToString(bytes);
	}

	public static String mint(String secret, Instant now) {
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
