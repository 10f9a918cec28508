package io.modelmonitoring.orchestrator.schedule;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Expected fire times are worked out by hand from a calendar: 2026-11-18 is a Wednesday,
 * 2026-11-22 the Sunday after it; Europe/Berlin is UTC+1 in November and UTC+2 from
 * 2026-03-29 (that Sunday, 02:00 local) on.
 */
class CronScheduleTests {

	private static final String CRON_KEY = "batch_jobs.model_monitoring_cron";

	private static final String ZONE_KEY = "batch_jobs.timezone";

	private static final Instant WEDNESDAY = Instant.parse("2026-11-18T00:00:00Z");

	private static CronSchedule parse(String cron, String zone) {
		return CronSchedule.parse(CRON_KEY, cron, ZONE_KEY, zone);
	}

	@Test
	void theDefaultFiresSundaysAtSixUtc() {
		CronSchedule schedule = parse("0 6 * * 0", "UTC");
		assertThat(schedule.configured()).isEqualTo("0 6 * * 0");
		assertThat(schedule.normalized()).isEqualTo("0 0 6 * * 0");
		assertThat(schedule.nextFireTime(WEDNESDAY)).isEqualTo("2026-11-22T06:00:00Z");
		assertThat(schedule.nextFireTime(Instant.parse("2026-11-22T06:00:00Z"))).isEqualTo("2026-11-29T06:00:00Z");
	}

	@ParameterizedTest(name = "[{index}] ''{0}'' runs as ''{1}''")
	@CsvSource(delimiter = '|', textBlock = """
			0 6 * * 0          | 0 0 6 * * 0
			0 6 * * 7          | 0 0 6 * * 7
			0 6 * * SUN        | 0 0 6 * * SUN
			'  0  6 * *   0  ' | 0 0 6 * * 0
			0 0 6 * * 0        | 0 0 6 * * 0
			0 0 6 * * SUN      | 0 0 6 * * SUN
			0 0 6 ? * 0        | 0 0 6 ? * 0
			""")
	void unixAndSpringFormsOfSundayAtSixFireAlike(String cron, String normalized) {
		CronSchedule schedule = parse(cron, "UTC");
		assertThat(schedule.normalized()).isEqualTo(normalized);
		assertThat(schedule.nextFireTime(WEDNESDAY)).isEqualTo("2026-11-22T06:00:00Z");
	}

	@Test
	void theExpressionIsReadInTheConfiguredZone() {
		CronSchedule schedule = parse("0 6 * * 0", "Europe/Berlin");
		assertThat(schedule.nextFireTime(WEDNESDAY)).isEqualTo("2026-11-22T05:00:00Z");
		assertThat(schedule.nextFireTime(Instant.parse("2026-03-25T00:00:00Z"))).isEqualTo("2026-03-29T04:00:00Z");
	}

	@Test
	void aSpringFormWithSecondsFiresEverySecond() {
		CronSchedule schedule = parse("* * * * * *", "UTC");
		assertThat(schedule.nextFireTime(Instant.parse("2026-11-18T10:00:00.200Z"))).isEqualTo("2026-11-18T10:00:01Z");
	}

	@Test
	void aMacroIsPassedToSpring() {
		CronSchedule schedule = parse("@weekly", "UTC");
		assertThat(schedule.normalized()).isEqualTo("@weekly");
		assertThat(schedule.nextFireTime(WEDNESDAY)).isEqualTo("2026-11-22T00:00:00Z");
	}

	@Test
	void aUnixStepInDayOfMonthDoesNotCountAsRestricting() {
		CronSchedule schedule = parse("30 5 */2 * 1", "UTC");
		assertThat(schedule.normalized()).isEqualTo("0 30 5 */2 * 1");
	}

	@ParameterizedTest(name = "{0}: ''{1}''")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			empty                                   | ""                  | is empty
			blank                                   | "   "               | is empty
			four fields                             | 0 6 * *             | has 4 fields
			seven fields                            | 0 0 6 * * 0 2026    | has 7 fields
			minute 60                               | 60 6 * * 0          | is not a valid cron expression
			day-of-week 8                           | 0 6 * * 8           | is not a valid cron expression
			month 13                                | 0 6 1 13 *          | is not a valid cron expression
			words                                   | every sunday at six | has 4 fields
			not numbers                             | a b c d e           | is not a valid cron expression
			both day-of-month and day-of-week (Unix)| 0 6 1 * 1           | restricts both day-of-month and day-of-week
			the 30th of February                    | 0 0 30 2 *          | never fires
			an unknown macro                        | @reboot             | is not a valid cron expression
			""")
	void anInvalidExpressionIsRefusedNamingKeyAndValue(String name, String cron, String problem) {
		assertThatIllegalArgumentException().isThrownBy(() -> parse(cron, "UTC"))
			.withMessageStartingWith(CRON_KEY + ": '" + cron + "' ")
			.withMessageContaining(problem);
	}

	@ParameterizedTest(name = "{0}: ''{1}''")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			empty                 | ""
			an unknown region     | Mars/Olympus
			an abbreviation       | CEST
			an offset beyond 18 h | UTC+25
			""")
	void anInvalidZoneIsRefusedNamingKeyAndValue(String name, String zone) {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("0 6 * * 0", zone))
			.withMessageStartingWith(ZONE_KEY + ": '" + zone + "' ");
	}

}
