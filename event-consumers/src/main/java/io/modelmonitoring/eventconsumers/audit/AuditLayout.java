package io.modelmonitoring.eventconsumers.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The trail's layout, the same in a container and in a local directory:
 * {@code {prefix}/year=YYYY/month=MM/day=DD/{message id}.jsonl}, one file per message,
 * holding its one line. A day's trail is the concatenation of its day's files.
 */
final class AuditLayout {

	static final String SUFFIX = ".jsonl";

	/**
	 * Ids used as names as they are: what blob names and file names on every platform
	 * take, no path separator, no leading dot (the temporary files start with one).
	 */
	private static final Pattern PLAIN_ID = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9._:-]{0,199}$");

	private final String prefix;

	/**
	 * @param prefix the normalized prefix, no leading or trailing slash, maybe empty
	 */
	AuditLayout(String prefix) {
		this.prefix = prefix;
	}

	/** The folder of a day: {@code ml_audit_log/year=2026/month=11/day=22}. */
	String dayFolder(LocalDate day) {
		String partition = String.format("year=%04d/month=%02d/day=%02d", day.getYear(), day.getMonthValue(),
				day.getDayOfMonth());
		return this.prefix.isEmpty() ? partition : this.prefix + "/" + partition;
	}

	/** {@code ml_audit_log/year=YYYY/month=MM/day=DD/<message id>.jsonl} */
	String describe() {
		return (this.prefix.isEmpty() ? "" : this.prefix + "/") + "year=YYYY/month=MM/day=DD/<message id>" + SUFFIX;
	}

	String path(LocalDate day, String name) {
		return dayFolder(day) + "/" + name;
	}

	/**
	 * The file name of a message: its id when the id is a plain name (UUIDs are), else
	 * {@code sha256-<hex of the id>}; either way the same id always gives the same name.
	 */
	static String name(String messageId) {
		if (PLAIN_ID.matcher(messageId).matches()) {
			return messageId + SUFFIX;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
			return "sha256-" + HexFormat.of().formatHex(digest) + SUFFIX;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

}
