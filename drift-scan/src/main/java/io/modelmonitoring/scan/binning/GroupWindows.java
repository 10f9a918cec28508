package io.modelmonitoring.scan.binning;

/**
 * One group's two windows while a scan gathers them (one feature of one model, or the
 * predictions of one segment value), whatever keeps them: a bounded {@link WindowSketch}
 * where parts of the scan travel between machines, or every value, spilled to a file,
 * in-process. Not thread-safe.
 */
public interface GroupWindows {

	/** A finite value of the baseline window. */
	void addBaseline(double value);

	/** A finite value of the current window. */
	void addCurrent(double value);

	long baselineCount();

	long currentCount();

	/**
	 * Appends what a later part of the scan gathered for the same group, of the same
	 * kind, as if its values had come here after this one's.
	 */
	void merge(GroupWindows later);

	/** True when the exact bins need another pass over the files. */
	boolean needsCounting();

	/**
	 * Only when {@link #needsCounting()} is false and the baseline holds a value: the
	 * exact PSI inputs.
	 */
	BinnedWindows binned(int bins);

}
