package io.modelmonitoring.scan.model;

/** The valid predictions of one model in the baseline and in the current window. */
public record WindowSamples(DoubleSamples baseline, DoubleSamples current) {

	public WindowSamples() {
		this(new DoubleSamples(), new DoubleSamples());
	}

}
