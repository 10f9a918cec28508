package io.modelmonitoring.scan.lake;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;

import io.modelmonitoring.scan.model.TimeWindow;

/**
 * The UTC day partitions ({@code year=YYYY/month=MM/day=DD}) a scan reads: a day D holds
 * the records of {@code [D, D+1)}, so only the days that overlap a window are read.
 * Partitions only prune; each record's own timestamp still decides its window. Public for
 * the sources outside this package (ml-service's Azure blobs), which list the same days.
 */
public final class DayPartitions {

	private DayPartitions() {
	}

	/** The days overlapping any of the windows, oldest first, each once. */
	public static List<LocalDate> overlapping(TimeWindow... windows) {
		TreeSet<LocalDate> days = new TreeSet<>();
		for (TimeWindow window : windows) {
			LocalDate first = window.from().atOffset(ZoneOffset.UTC).toLocalDate();
			// The window is half-open: its last instant is a nanosecond before 'to'.
			LocalDate last = window.to().minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate();
			for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
				days.add(day);
			}
		}
		return List.copyOf(days);
	}

	/** The partition path of a day, e.g. {@code year=2026/month=11/day=05}. */
	public static String path(LocalDate day) {
		return String.format("year=%04d/month=%02d/day=%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
	}

}
