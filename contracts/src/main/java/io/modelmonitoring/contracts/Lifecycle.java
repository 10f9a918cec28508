package io.modelmonitoring.contracts;

import java.time.Instant;

/**
 * Where a finding stands, as every detected event carries it: one alert per (tenant,
 * model, metric, segment) key, from its first detection until a run checks the key and it
 * no longer fires. Null in the events of a backfill run published on request, which
 * change no lifecycle.
 *
 * @param alertId the same for every event of one alert, new when the key fires again
 * after it was resolved
 * @param state {@code new} at the first detection, {@code ongoing} after it
 * @param firstDetectedAt the asOf of the run that opened the alert
 * @param consecutiveRuns how many runs in a row detected it, this one included
 */
public record Lifecycle(String alertId, String state, Instant firstDetectedAt, int consecutiveRuns) {

	public static final String NEW = "new";

	public static final String ONGOING = "ongoing";

}
