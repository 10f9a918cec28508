package io.modelmonitoring.orchestrator.schedule;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.springframework.scheduling.support.CronExpression;

/**
 * A cron expression as configured, the 6-field Spring form it runs as, and the time zone
 * it is read in. No Spring context and no I/O: {@link #parse} is the whole of the rules.
 *
 * @param configured the expression as the operator wrote it
 * @param normalized the 6-field Spring expression it runs as
 * @param zone the zone the expression's fields are read in
 */
public record CronSchedule(String configured, String normalized, ZoneId zone) {

	/**
	 * Reads a 5-field Unix expression
	 * ({@code minute hour day-of-month month day-of-week}, run at second 0) or a 6-field
	 * Spring expression (seconds first), or one of Spring's macros ({@code @weekly},
	 * ...). Day-of-week 0 and 7 both mean Sunday in either form. A 5-field expression
	 * that restricts both day-of-month and day-of-week is refused: Unix cron fires when
	 * either matches, Spring's only when both do.
	 * @param cronKey the configuration key of the expression, for the error message
	 * @param cron the expression
	 * @param zoneKey the configuration key of the zone, for the error message
	 * @param zone a zone ID, e.g. {@code UTC} or {@code Europe/Berlin}
	 * @return the schedule
	 * @throws IllegalArgumentException naming the key and the value when either is
	 * invalid
	 */
	public static CronSchedule parse(String cronKey, String cron, String zoneKey, String zone) {
		String normalized = normalize(cronKey, cron);
		CronExpression expression;
		try {
			expression = CronExpression.parse(normalized);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(cronKey, cron, "is not a valid cron expression (" + ex.getMessage() + ")");
		}
		checkUnixDays(cronKey, cron);
		ZoneId zoneId = zone(zoneKey, zone);
		if (expression.next(ZonedDateTime.now(zoneId)) == null) {
			throw invalid(cronKey, cron, "never fires");
		}
		return new CronSchedule(cron, normalized, zoneId);
	}

	/**
	 * The first fire time strictly after {@code after}.
	 * @return the instant, or null when the schedule never fires again
	 */
	public Instant nextFireTime(Instant after) {
		ZonedDateTime next = CronExpression.parse(this.normalized).next(after.atZone(this.zone));
		return (next != null) ? next.toInstant() : null;
	}

	private static String normalize(String key, String cron) {
		if (cron == null || cron.isBlank()) {
			throw invalid(key, cron, "is empty; write a 5-field Unix or a 6-field Spring cron expression");
		}
		String trimmed = cron.trim();
		if (trimmed.startsWith("@")) {
			return trimmed;
		}
		String[] fields = trimmed.split("\\s+");
		if (fields.length == 6) {
			return String.join(" ", fields);
		}
		if (fields.length != 5) {
			throw invalid(key, cron, "has " + fields.length
					+ " fields; write 5 (Unix: minute hour day-of-month month day-of-week) or 6 (Spring: second first)");
		}
		return "0 " + String.join(" ", fields);
	}

	/** Refuses what Unix cron and Spring read differently, once the expression parsed. */
	private static void checkUnixDays(String key, String cron) {
		String[] fields = cron.trim().split("\\s+");
		if (fields.length == 5 && restricts(fields[2]) && restricts(fields[4])) {
			throw invalid(key, cron, "restricts both day-of-month and day-of-week: Unix cron fires when either "
					+ "matches, Spring cron only when both do; restrict one of them, or write the 6-field Spring form");
		}
	}

	/** As Vixie cron reads it: a field starting with '*' does not restrict. */
	private static boolean restricts(String field) {
		return !field.startsWith("*") && !field.equals("?");
	}

	private static ZoneId zone(String key, String zone) {
		if (zone == null || zone.isBlank()) {
			throw invalid(key, zone, "is empty; write a zone ID such as UTC or Europe/Berlin");
		}
		try {
			return ZoneId.of(zone.trim());
		}
		catch (DateTimeException ex) {
			throw invalid(key, zone, "is not a time zone ID; write one such as UTC or Europe/Berlin");
		}
	}

	private static IllegalArgumentException invalid(String key, String value, String problem) {
		return new IllegalArgumentException(key + ": '" + ((value != null) ? value : "") + "' " + problem);
	}

}
