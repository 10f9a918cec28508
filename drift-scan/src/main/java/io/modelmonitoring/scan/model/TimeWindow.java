package io.modelmonitoring.scan.model;

import java.io.Serializable;
import java.time.Instant;

/** A half-open time window {@code [from, to)}. */
public record TimeWindow(Instant from, Instant to) implements Serializable {

	public TimeWindow {
		if (!from.isBefore(to)) {
			throw new IllegalArgumentException("window must start before it ends: [" + from + ", " + to + ")");
		}
	}

	public boolean contains(Instant instant) {
		return !instant.isBefore(this.from) && instant.isBefore(this.to);
	}

	/** {@link #contains(Instant)} of the instant at these seconds and nanoseconds. */
	public boolean contains(long epochSecond, int nano) {
		return !isBefore(epochSecond, nano, this.from) && isBefore(epochSecond, nano, this.to);
	}

	private static boolean isBefore(long epochSecond, int nano, Instant instant) {
		long seconds = instant.getEpochSecond();
		return epochSecond < seconds || (epochSecond == seconds && nano < instant.getNano());
	}

}
