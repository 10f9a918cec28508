package io.modelmonitoring.scan.model;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A growable list of primitive doubles: the predictions of one window of one model, kept
 * without boxing so that memory stays at eight bytes a prediction.
 * <p>
 * The first {@value #CHUNK} values are held in one array that doubles as it fills; the
 * rest in chunks of that size, so that a long list grows without copying what it holds (a
 * scan's lists reach millions of values: copies of them were most of what a scan
 * allocated, and the garbage collector's work).
 */
public final class DoubleSamples implements Serializable {

	/** 64 kB. */
	private static final int CHUNK = 8192;

	/** The full chunks, in order, {@link #fullChunks} of them. */
	private double[][] full = new double[0][];

	private int fullChunks;

	/** The array being filled, after the full chunks. */
	private double[] open;

	private int openSize;

	public DoubleSamples() {
		this(16);
	}

	public DoubleSamples(int initialCapacity) {
		this.open = new double[Math.max(1, Math.min(CHUNK, initialCapacity))];
	}

	public void add(double value) {
		if (this.openSize == this.open.length) {
			makeRoom();
		}
		this.open[this.openSize++] = value;
	}

	public void addAll(DoubleSamples other) {
		for (int c = 0; c < other.fullChunks; c++) {
			append(other.full[c], CHUNK);
		}
		append(other.open, other.openSize);
	}

	private void append(double[] values, int count) {
		int from = 0;
		while (from < count) {
			if (this.openSize == this.open.length) {
				makeRoom();
			}
			int copied = Math.min(count - from, this.open.length - this.openSize);
			System.arraycopy(values, from, this.open, this.openSize, copied);
			this.openSize += copied;
			from += copied;
		}
	}

	/** The open array is full: it doubles up to a chunk, then a new chunk opens. */
	private void makeRoom() {
		if (this.open.length < CHUNK) {
			this.open = Arrays.copyOf(this.open, Math.min(CHUNK, this.open.length * 2));
			return;
		}
		if (this.fullChunks == this.full.length) {
			this.full = Arrays.copyOf(this.full, Math.max(4, this.full.length * 2));
		}
		this.full[this.fullChunks++] = this.open;
		this.open = new double[CHUNK];
		this.openSize = 0;
	}

	/** Drops the values; an open array of up to one chunk is kept for the next ones. */
	public void clear() {
		Arrays.fill(this.full, 0, this.fullChunks, null);
		this.fullChunks = 0;
		this.openSize = 0;
	}

	public int size() {
		return this.fullChunks * CHUNK + this.openSize;
	}

	/** A copy of the values, in the order they were added. */
	public double[] toArray() {
		double[] values = new double[size()];
		for (int c = 0; c < this.fullChunks; c++) {
			System.arraycopy(this.full[c], 0, values, c * CHUNK, CHUNK);
		}
		System.arraycopy(this.open, 0, values, this.fullChunks * CHUNK, this.openSize);
		return values;
	}

}
