package io.modelmonitoring.scan.lake;

import java.util.Arrays;

/**
 * One window of a {@link SpilledWindows}: its blocks in the spill, in scan order, and how
 * many of its values still wait in the {@link SpillWriter}'s batch.
 */
final class SpilledWindow {

	/** Its slot in the writer's batch; −1 while none of its values waits. */
	int batchSlot = -1;

	/** Its values in the writer's batch. */
	int waiting;

	/** All its values, written or waiting. */
	long count;

	private long[] positions = new long[4];

	private int[] sizes = new int[4];

	private int blocks;

	void block(long position, int size) {
		if (this.blocks == this.positions.length) {
			this.positions = Arrays.copyOf(this.positions, 2 * this.blocks);
			this.sizes = Arrays.copyOf(this.sizes, 2 * this.blocks);
		}
		this.positions[this.blocks] = position;
		this.sizes[this.blocks] = size;
		this.blocks++;
	}

	/** Appends a later part's blocks, all written. */
	void append(SpilledWindow later) {
		for (int b = 0; b < later.blocks; b++) {
			block(later.positions[b], later.sizes[b]);
		}
		this.count += later.count;
	}

	/** Every value, in scan order. */
	double[] read(ValueSpill spill) {
		if (this.count > Integer.MAX_VALUE - 8) {
			throw new IllegalStateException(
					"drift scan: a window of " + this.count + " values is more than one array holds");
		}
		double[] values = new double[(int) this.count];
		int at = 0;
		for (int b = 0; b < this.blocks; b++) {
			spill.read(this.positions[b], this.sizes[b], values, at);
			at += this.sizes[b];
		}
		return values;
	}

}
