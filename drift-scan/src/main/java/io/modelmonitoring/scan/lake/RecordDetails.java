package io.modelmonitoring.scan.lake;

import java.util.Arrays;

/**
 * The segment values and input features of the record being parsed, beside its four
 * fields: filled by {@link InferenceLogParser} only when the scan asks for them, read by
 * {@link SampleCollector}, reused from line to line so that a line allocates nothing it
 * repeats.
 */
final class RecordDetails {

	static final byte NUMBER = 0;

	static final byte CATEGORY = 1;

	/** Null, an array, an object, or a number that is not finite. */
	static final byte UNUSABLE = 2;

	/** Per dimension of the scan: the record's value, or null. */
	final String[] segmentValues;

	int features;

	String[] names = new String[16];

	byte[] kinds = new byte[16];

	double[] numbers = new double[16];

	String[] categories = new String[16];

	RecordDetails(int dimensions) {
		this.segmentValues = new String[dimensions];
	}

	/** Whether the record names any segment value or feature. */
	boolean any() {
		if (this.features > 0) {
			return true;
		}
		for (String value : this.segmentValues) {
			if (value != null) {
				return true;
			}
		}
		return false;
	}

	void clear() {
		Arrays.fill(this.segmentValues, null);
		this.features = 0;
	}

	void number(String name, double value) {
		int k = next(name);
		boolean finite = Double.isFinite(value);
		this.kinds[k] = finite ? NUMBER : UNUSABLE;
		this.numbers[k] = value;
	}

	void category(String name, String value) {
		int k = next(name);
		this.kinds[k] = CATEGORY;
		this.categories[k] = value;
	}

	void unusable(String name) {
		this.kinds[next(name)] = UNUSABLE;
	}

	private int next(String name) {
		int k = this.features;
		if (k == this.kinds.length) {
			int size = k * 2;
			this.names = Arrays.copyOf(this.names, size);
			this.kinds = Arrays.copyOf(this.kinds, size);
			this.numbers = Arrays.copyOf(this.numbers, size);
			this.categories = Arrays.copyOf(this.categories, size);
		}
		this.names[k] = name;
		this.features = k + 1;
		return k;
	}

}
