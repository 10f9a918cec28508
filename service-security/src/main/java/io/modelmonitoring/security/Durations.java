package io.modelmonitoring.security;

import java.time.Duration;
import java.util.Locale;

/** Durations in messages as configuration writes them. */
final class Durations {

	private Durations() {
	}

	/** To the millisecond: {@code 24h}, {@code 8760h1s}, {@code 0.5s}. */
	static String shown(Duration duration) {
		return Duration.ofMillis(duration.toMillis()).toString().substring(2).toLowerCase(Locale.ROOT);
	}

}
