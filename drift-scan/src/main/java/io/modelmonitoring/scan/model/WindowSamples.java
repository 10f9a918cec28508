package io.modelmonitoring.scan.model;

import java.io.Serializable;

/** The valid predictions of one model in the baseline and in the current window. */
public record WindowSamples(DoubleSamples baseline, DoubleSamples current) implements Serializable {

	public WindowSamples() {
		this(new DoubleSamples(), new DoubleSamples());
	}

}
