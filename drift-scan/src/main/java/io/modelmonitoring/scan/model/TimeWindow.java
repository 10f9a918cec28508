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

}
