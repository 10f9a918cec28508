package io.modelmonitoring.scan.binning;

import io.modelmonitoring.scan.model.DoubleSamples;

/** TEMPORARY exact stand-in, replaced by the bounded implementation. */
public final class WindowSketch {

	public static final int EXACT_VALUES = 4096;

	final DoubleSamples baseline = new DoubleSamples();

	final DoubleSamples current = new DoubleSamples();

	public void addBaseline(double value) {
		this.baseline.add(value);
	}

	public void addCurrent(double value) {
		this.current.add(value);
	}

	public void merge(WindowSketch later) {
		this.baseline.addAll(later.baseline);
		this.current.addAll(later.current);
	}

	public long baselineCount() {
		return this.baseline.size();
	}

	public long currentCount() {
		return this.current.size();
	}

	public boolean needsCounting() {
		return this.baseline.size() > EXACT_VALUES || this.current.size() > EXACT_VALUES;
	}

	public BinnedWindows binned(int bins) {
		return BinnedWindows.exact(this.baseline.toArray(), this.current.toArray(), bins);
	}

	public BinCounter counter(int bins) {
		return new BinCounter(bins);
	}

}
