package io.modelmonitoring.riskanalytics.worker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The first 128 bits of a SHA-256 digest: what the worker's in-memory sets keep in place
 * of a trigger id or a message, so that each entry has the same small size whatever the
 * message held. Two different values share one by chance with a probability of about
 * 2^-64 at four billion entries; the sets hold thousands.
 */
record Fingerprint(long high, long low) {

	/** The fingerprint of a text, e.g. a trigger id. */
	static Fingerprint of(String text) {
		MessageDigest digest = sha256();
		digest.update(text.getBytes(StandardCharsets.UTF_8));
		return of(digest);
	}

	/** The fingerprint of a delivery: its AMQP message id (or none) and its body. */
	static Fingerprint of(String messageId, byte[] body) {
		MessageDigest digest = sha256();
		if (messageId != null) {
			digest.update((byte) 1);
			digest.update(messageId.getBytes(StandardCharsets.UTF_8));
		}
		digest.update((byte) 0);
		if (body != null) {
			digest.update(body);
		}
		return of(digest);
	}

	private static Fingerprint of(MessageDigest digest) {
		ByteBuffer bytes = ByteBuffer.wrap(digest.digest());
		return new Fingerprint(bytes.getLong(), bytes.getLong());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

}
