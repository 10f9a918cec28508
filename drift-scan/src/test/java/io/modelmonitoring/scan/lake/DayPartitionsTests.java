package io.modelmonitoring.scan.lake;

import java.time.Instant;
import java.time.LocalDate;

import io.modelmonitoring.scan.model.TimeWindow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DayPartitionsTests {

	@Test
	void aWindowReadsEveryDayItTouchesAndNoneAfterItsExclusiveEnd() {
		TimeWindow window = new TimeWindow(Instant.parse("2026-11-15T06:00:00Z"),
				Instant.parse("2026-11-18T00:00:00Z"));

		assertThat(DayPartitions.overlapping(window)).containsExactly(LocalDate.of(2026, 11, 15),
				LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 17));
	}

	@Test
	void aWindowEndingAfterMidnightReadsThatDay() {
		TimeWindow window = new TimeWindow(Instant.parse("2026-11-15T23:00:00Z"),
				Instant.parse("2026-11-16T00:00:01Z"));

		assertThat(DayPartitions.overlapping(window)).containsExactly(LocalDate.of(2026, 11, 15),
				LocalDate.of(2026, 11, 16));
	}

	@Test
	void twoWindowsReadTheirDaysOnceEachInOrderAcrossMonthsAndYears() {
		TimeWindow current = new TimeWindow(Instant.parse("2027-01-01T00:00:00Z"),
				Instant.parse("2027-01-02T00:00:00Z"));
		TimeWindow baseline = new TimeWindow(Instant.parse("2026-12-31T12:00:00Z"),
				Instant.parse("2027-01-01T12:00:00Z"));

		assertThat(DayPartitions.overlapping(current, baseline)).containsExactly(LocalDate.of(2026, 12, 31),
				LocalDate.of(2027, 1, 1));
	}

	@Test
	void partitionPathsArePaddedAndInUtcFields() {
		assertThat(DayPartitions.path(LocalDate.of(2026, 3, 5))).isEqualTo("year=2026/month=03/day=05");
		assertThat(DayPartitions.path(LocalDate.of(2026, 11, 20))).isEqualTo("year=2026/month=11/day=20");
	}

}
