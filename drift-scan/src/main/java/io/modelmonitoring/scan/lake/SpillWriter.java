package io.modelmonitoring.scan.lake;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One collector's way to the {@link ValueSpill}. New values are appended, in the order
 * they come, to one array with their window beside them; when {@value #MAX_WAITING}
 * values wait, or the collector's file is done, they are written as one batch in which
 * each window's values are one block, in their order. One array for all windows, not one
 * each: a file's part holds a few hundred values of each of thousands of windows, and the
 * array is reused from batch to batch and file to file, so the reading makes no garbage.
 * Not thread-safe: one per collector.
 */
final class SpillWriter {

	/** 4 MB of doubles: what one collector holds before it writes. */
	static final int MAX_WAITING = 1 << 19;

	private final ValueSpill spill;

	/** The windows with values in this batch; a window's slot is its index here. */
	private final List<SpilledWindow> windows = new ArrayList<>();

	private double[] values = new double[4096];

	private int[] slots = new int[4096];

	private int waiting;

	/** Where each slot's block starts in the batch, then where its next value goes. */
	private int[] places = new int[256];

	private double[] grouped = new double[0];

	private ByteBuffer batch = ValueSpill.direct(1 << 16);

	SpillWriter(ValueSpill spill) {
		this.spill = spill;
	}

	void add(SpilledWindow window, double value) {
		int slot = window.batchSlot;
		if (slot < 0) {
			slot = this.windows.size();
			this.windows.add(window);
			window.batchSlot = slot;
		}
		if (this.waiting == this.values.length) {
			this.values = Arrays.copyOf(this.values, 2 * this.waiting);
			this.slots = Arrays.copyOf(this.slots, 2 * this.waiting);
		}
		this.values[this.waiting] = value;
		this.slots[this.waiting] = slot;
		this.waiting++;
		window.waiting++;
		window.count++;
		if (this.waiting == MAX_WAITING) {
			flush();
		}
	}

	/** Writes every waiting value: each window's as one block of the batch. */
	void flush() {
		int count = this.waiting;
		if (count == 0) {
			return;
		}
		int slotCount = this.windows.size();
		if (this.places.length < slotCount) {
			this.places = new int[Math.max(slotCount, 2 * this.places.length)];
		}
		int start = 0;
		for (int s = 0; s < slotCount; s++) {
			this.places[s] = start;
			start += this.windows.get(s).waiting;
		}
		if (this.grouped.length < count) {
			this.grouped = new double[Math.max(count, Math.min(MAX_WAITING, 2 * this.grouped.length))];
		}
		for (int i = 0; i < count; i++) {
			this.grouped[this.places[this.slots[i]]++] = this.values[i];
		}
		int bytes = count * Double.BYTES;
		if (this.batch.capacity() < bytes) {
			this.batch = ValueSpill
				.direct(Math.max(bytes, Math.min(MAX_WAITING * Double.BYTES, 2 * this.batch.capacity())));
		}
		this.batch.clear().limit(bytes);
		this.batch.asDoubleBuffer().put(this.grouped, 0, count);
		long at = this.spill.append(this.batch);
		// places[s] now holds where slot s's block ends.
		for (int s = 0; s < slotCount; s++) {
			SpilledWindow window = this.windows.get(s);
			int size = window.waiting;
			window.block(at + (long) (this.places[s] - size) * Double.BYTES, size);
			window.waiting = 0;
			window.batchSlot = -1;
		}
		this.windows.clear();
		this.waiting = 0;
	}

	boolean empty() {
		return this.waiting == 0;
	}

	ValueSpill spill() {
		return this.spill;
	}

}
