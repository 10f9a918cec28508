package io.modelmonitoring.mlservice.runs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * What makes two requests the same request for an idempotency key: the set of tenants
 * (order and duplicates do not matter) and the {@code asOf} as sent (absent stays absent,
 * so a retry without asOf matches its first attempt), and the run's options.
 */
public final class RequestFingerprint {

	private RequestFingerprint() {
	}

	public static String of(List<String> tenantIds, Instant requestedAsOf, RunOptions options) {
		String canonical = String.join("\u0000", new TreeSet<>(tenantIds)) + "\u0001"
				+ ((requestedAsOf != null) ? requestedAsOf.toString() : "") + options.fingerprintPart();
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
