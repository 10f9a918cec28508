package io.modelmonitoring.scan.lake;

import io.modelmonitoring.scan.binning.BinnedWindows;
import io.modelmonitoring.scan.binning.GroupWindows;
import io.modelmonitoring.scan.binning.WholeWindows;
import io.modelmonitoring.scan.drift.DriftPValue;

/**
 * A group's windows in-process: every value, in scan order, in blocks of the scan's
 * {@link ValueSpill}, so that the files are read once and the bins come out exact without
 * a second pass. New values wait in the collector's {@link SpillWriter} until it writes
 * its batch; merging appends the later part's blocks, which keeps file order. Its memory:
 * 12 bytes a block (one per window and file, or per 4 MB batch of a long file).
 * {@link #binned} reads the group back whole: the one time a group's values are all in
 * the heap, one group a thread.
 */
final class SpilledWindows implements GroupWindows {

	private final SpillWriter writer;

	private final SpilledWindow baseline = new SpilledWindow();

	private final SpilledWindow current = new SpilledWindow();

	private BinnedWindows binned;

	private int binnedFor;

	SpilledWindows(SpillWriter writer) {
		this.writer = writer;
	}

	@Override
	public void addBaseline(double value) {
		this.writer.add(this.baseline, value);
	}

	@Override
	public void addCurrent(double value) {
		this.writer.add(this.current, value);
	}

	@Override
	public void merge(GroupWindows later) {
		SpilledWindows other = (SpilledWindows) later;
		if (waiting() || other.waiting()) {
			throw new IllegalStateException("drift scan: a part is merged before its spill was written");
		}
		this.baseline.append(other.baseline);
		this.current.append(other.current);
	}

	private boolean waiting() {
		return this.baseline.waiting > 0 || this.current.waiting > 0;
	}

	@Override
	public long baselineCount() {
		return this.baseline.count;
	}

	@Override
	public long currentCount() {
		return this.current.count;
	}

	@Override
	public boolean needsCounting() {
		return false;
	}

	/** Read back once (the first call; a parallel scan makes it on its pool) and kept. */
	@Override
	public BinnedWindows binned(int bins) {
		if (this.binned == null || this.binnedFor != bins) {
			if (waiting()) {
				throw new IllegalStateException("drift scan: a group is binned before its values were written");
			}
			double[] baselineValues = baselineValues();
			double[] currentValues = currentValues();
			this.binned = WholeWindows.binned(baselineValues, currentValues, bins,
					DriftPValue.readsSamples(baselineValues.length, currentValues.length));
			this.binnedFor = bins;
		}
		return this.binned;
	}

	/** Every baseline value, in scan order, read back from the spill. */
	double[] baselineValues() {
		return this.baseline.read(this.writer.spill());
	}

	/** Every current value, in scan order, read back from the spill. */
	double[] currentValues() {
		return this.current.read(this.writer.spill());
	}

}
