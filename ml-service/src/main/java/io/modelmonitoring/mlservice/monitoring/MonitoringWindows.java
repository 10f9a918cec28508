package io.modelmonitoring.mlservice.monitoring;

import java.time.Duration;
import java.time.Instant;

import io.modelmonitoring.scan.model.TimeWindow;

/**
 * The two windows a run compares, relative to its {@code asOf}: the baseline
 * {@code [asOf−60d, asOf−30d)} and the current week {@code [asOf−7d, asOf)}.
 */
public record MonitoringWindows(TimeWindow baseline, TimeWindow current) {

	public static MonitoringWindows of(Instant asOf) {
		return new MonitoringWindows(new TimeWindow(asOf.minus(Duration.ofDays(60)), asOf.minus(Duration.ofDays(30))),
				new TimeWindow(asOf.minus(Duration.ofDays(7)), asOf));
	}

}
