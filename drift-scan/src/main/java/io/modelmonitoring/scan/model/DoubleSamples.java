package io.modelmonitoring.scan.model;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A growable list of primitive doubles: the predictions of one window of one model, kept
 * without boxing so that memory stays at eight bytes a prediction.
 */
public final class DoubleSamples implements Serializable {

	private double[] values;

	private int size;

	public DoubleSamples() {
		this(16);
	}

	public DoubleSamples(int initialCapacity) {
		this.values = new double[Math.max(1, initialCapacity)];
	}

	public void add(double value) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.values.length * 2);
		}
		this.values[this.size++] = value;
	}

	public void addAll(DoubleSamples other) {
		int needed = this.size + other.size;
		if (needed > this.values.length) {
			this.values = Arrays.copyOf(this.values, Math.max(needed, this.values.length * 2));
		}
		System.arraycopy(other.values, 0, this.values, this.size, other.size);
		this.size = needed;
	}

	public int size() {
		return this.size;
	}

	/** A copy of the values, in the order they were added. */
	public double[] toArray() {
		return Arrays.copyOf(this.values, this.size);
	}

}
