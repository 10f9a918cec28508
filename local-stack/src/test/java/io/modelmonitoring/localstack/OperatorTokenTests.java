package io.modelmonitoring.localstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code local-stack --token}: a fresh token from the secret the running stack keeps in
 * its data directory. That ml-service takes such a token is shown by
 * LocalStackEndToEndTests.
 */
class OperatorTokenTests {

	@Test
	void theTokenModeSignsAFreshTokenWithTheSecretTheRunningStackKeeps(@TempDir Path dataDir) throws Exception {
		String secret = OperatorToken.newSecret();
		try (AutoCloseable kept = OperatorToken.keepSecret(dataDir, secret)) {
			Path file = dataDir.resolve(OperatorToken.SECRET_FILE);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			assertThat(LocalStack.printToken(dataDir, new PrintStream(out, true, StandardCharsets.UTF_8),
					new PrintStream(err, true, StandardCharsets.UTF_8)))
				.isZero();
			String token = out.toString(StandardCharsets.UTF_8).trim();
			String[] parts = token.split("\\.");
			assertThat(parts).hasSize(3);
			// HMAC-SHA256 over header.payload with the secret's UTF-8 bytes (RFC 7515).
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] signature = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
			assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(signature);
			JsonNode claims = JsonMapper.shared().readTree(Base64.getUrlDecoder().decode(parts[1]));
			long now = Instant.now().getEpochSecond();
			assertThat(claims.path("iat").asLong()).isBetween(now - 60, now);
			assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
			assertThat(err.size()).isZero();
		}
		assertThat(dataDir.resolve(OperatorToken.SECRET_FILE)).doesNotExist();
	}

	@Test
	void withNoStackRunningTheTokenModeSaysSoAndFails(@TempDir Path dataDir) throws Exception {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertThat(LocalStack.printToken(dataDir, new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(err, true, StandardCharsets.UTF_8)))
			.isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("no local stack is running with data dir " + dataDir)
			.contains("scripts/run-local.sh");
	}

	@Test
	void aSecretLeftByAStackThatWasKilledIsNotUsed(@TempDir Path dataDir) throws Exception {
		Process gone = new ProcessBuilder("true").start();
		gone.waitFor();
		Files.writeString(dataDir.resolve(OperatorToken.SECRET_FILE),
				"pid=" + gone.pid() + "\nsecret=" + OperatorToken.newSecret() + "\n");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertThat(LocalStack.printToken(dataDir, new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(err, true, StandardCharsets.UTF_8)))
			.isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("(pid " + gone.pid() + ") is no longer running");
	}

}
