package io.modelmonitoring.scan.binning;

import java.util.Optional;

import io.modelmonitoring.scan.model.DoubleSamples;

/** TEMPORARY exact stand-in, replaced by the bounded implementation. */
public final class BinCounter {

	private final int bins;

	private final DoubleSamples baseline = new DoubleSamples();

	private final DoubleSamples current = new DoubleSamples();

	BinCounter(int bins) {
		this.bins = bins;
	}

	public void addBaseline(double value) {
		this.baseline.add(value);
	}

	public void addCurrent(double value) {
		this.current.add(value);
	}

	public void merge(BinCounter later) {
		this.baseline.addAll(later.baseline);
		this.current.addAll(later.current);
	}

	public Optional<BinnedWindows> binned() {
		return Optional.of(BinnedWindows.exact(this.baseline.toArray(), this.current.toArray(), this.bins));
	}

	public BinCounter widened() {
		return new BinCounter(this.bins);
	}

}
