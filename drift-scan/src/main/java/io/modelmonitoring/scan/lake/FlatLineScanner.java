package io.modelmonitoring.scan.lake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import tools.jackson.core.io.NumberInput;

/**
 * Reads the common shape of an inference-log line straight from its bytes: one flat JSON
 * object whose values are plain ASCII strings, decimal numbers, {@code true},
 * {@code false}, {@code null} or the tokens {@code NaN}, {@code Infinity} and
 * {@code -Infinity} (which the parser reads as numbers, see {@link InferenceLogParser}).
 * The {@code features} and {@code segment} objects may hold such flat values too (their
 * entries are kept when the scan reads features or segments). Any other line (escapes,
 * non-ASCII bytes, other nested values, exponents, long integers, anything malformed) is
 * declined, and the caller reads it with Jackson, which has the last word: this scanner
 * never judges a line invalid. For a line it accepts, it finds what Jackson would find,
 * to the bit of the prediction (a test compares the two over many shapes).
 * <p>
 * Why: parsing is most of the cost of a {@code .jsonl} scan, and a general parser spends
 * most of its time on generality these lines do not use.
 */
final class FlatLineScanner {

	/** Powers of ten a double holds exactly: m / 10^k is then correctly rounded. */
	private static final double[] EXACT_POWERS_OF_TEN = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
			1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

	/** Digits whose value a long holds below 2^53, so exactly as a double. */
	private static final int MAX_EXACT_DIGITS = 15;

	/** Longer numbers are left to Jackson (they are not what loggers write). */
	private static final int MAX_NUMBER_CHARS = 40;

	private static final byte[] TENANT_ID = ascii("tenantId");

	private static final byte[] MODEL_ID = ascii("modelId");

	private static final byte[] PREDICTION = ascii("prediction");

	private static final byte[] TIMESTAMP = ascii("timestamp");

	private static final byte[] FEATURES = ascii("features");

	private static final byte[] SEGMENT = ascii("segment");

	// What a top-level name is to the scanner.

	private static final int OTHER_FIELD = 0;

	private static final int TENANT_FIELD = 1;

	private static final int MODEL_FIELD = 2;

	private static final int TIMESTAMP_FIELD = 3;

	private static final int PREDICTION_FIELD = 4;

	private static final int FEATURES_FIELD = 5;

	private static final int SEGMENT_FIELD = 6;

	/** Dimension d of the scan is field {@code FIRST_DIMENSION_FIELD + d}. */
	private static final int FIRST_DIMENSION_FIELD = 7;

	static final int STRING = 1;

	static final int NUMBER = 2;

	static final int OTHER = 3;

	/** The segment dimensions to find, as field names; empty: none. */
	private final byte[][] dimensions;

	/**
	 * Whether the {@code features} object is read; otherwise a line holding it is
	 * declined.
	 */
	private final boolean readsFeatures;

	// Where the fields of the last accepted line are: a string's first byte and length
	// (-1: absent or not a string).

	int tenantStart;

	int tenantLength;

	int modelStart;

	int modelLength;

	int timestampStart;

	int timestampLength;

	boolean hasPrediction;

	double prediction;

	/** Per dimension: its top-level string value (-1: absent or not a string). */
	final int[] dimensionStart;

	final int[] dimensionLength;

	/** Per dimension: its string value in the {@code segment} object. */
	final int[] nestedDimensionStart;

	final int[] nestedDimensionLength;

	/**
	 * Whether the line named any dimension: most lines name none, and their arrays need
	 * no resetting.
	 */
	boolean anyDimension;

	/** The entries of the {@code features} object, in line order. */
	int features;

	int[] featureNameStart = new int[16];

	int[] featureNameLength = new int[16];

	/** {@link #STRING}, {@link #NUMBER}, or {@link #OTHER} (true, false, null). */
	int[] featureKind = new int[16];

	int[] featureValueStart = new int[16];

	int[] featureValueEnd = new int[16];

	double[] featureNumber = new double[16];

	// The value just read.

	private int valueKind;

	private int valueStart;

	private int valueEnd;

	private double number;

	private final char[] numberChars = new char[MAX_NUMBER_CHARS];

	/** The previous line's names: top-level, in its features and its segment object. */
	private final KeyPredictions topLevelNames = new KeyPredictions();

	private final KeyPredictions featureNames = new KeyPredictions();

	private final KeyPredictions segmentNames = new KeyPredictions();

	/** A scanner of the four fields only: a line with a nested object is declined. */
	FlatLineScanner() {
		this(List.of(), false);
	}

	/**
	 * @param dimensions the segment dimensions whose values are wanted, as top-level
	 * string fields or in the {@code segment} object
	 * @param readsFeatures whether the {@code features} object is read
	 */
	FlatLineScanner(List<String> dimensions, boolean readsFeatures) {
		this.dimensions = dimensions.stream().map(FlatLineScanner::ascii).toArray(byte[][]::new);
		this.readsFeatures = readsFeatures;
		this.dimensionStart = new int[dimensions.size()];
		this.dimensionLength = new int[dimensions.size()];
		this.nestedDimensionStart = new int[dimensions.size()];
		this.nestedDimensionLength = new int[dimensions.size()];
		Arrays.fill(this.dimensionLength, -1);
		Arrays.fill(this.nestedDimensionLength, -1);
	}

	/**
	 * Reads the line; false when it is not of the common shape (the caller falls back).
	 */
	boolean scan(byte[] b, int offset, int length) {
		this.tenantLength = -1;
		this.modelLength = -1;
		this.timestampLength = -1;
		this.hasPrediction = false;
		this.features = 0;
		if (this.anyDimension) {
			Arrays.fill(this.dimensionLength, -1);
			Arrays.fill(this.nestedDimensionLength, -1);
			this.anyDimension = false;
		}
		int end = offset + length;
		int i = skipSpace(b, offset, end);
		if (i == end || b[i] != '{') {
			return false;
		}
		i = skipSpace(b, i + 1, end);
		if (i < end && b[i] == '}') {
			return onlySpaceAfter(b, i + 1, end);
		}
		for (int position = 0;; position++) {
			if (i == end || b[i] != '"') {
				return false;
			}
			int nameStart = i + 1;
			int nameEnd;
			int field;
			int predicted = this.topLevelNames.match(position, b, i, end);
			if (predicted > 0) {
				nameEnd = i + predicted - 1;
				field = this.topLevelNames.field(position);
			}
			else {
				nameEnd = stringEnd(b, nameStart, end);
				if (nameEnd < 0) {
					return false;
				}
				field = field(b, nameStart, nameEnd - nameStart);
				this.topLevelNames.remember(position, b, i, nameEnd, field);
			}
			i = skipSpace(b, nameEnd + 1, end);
			if (i == end || b[i] != ':') {
				return false;
			}
			i = skipSpace(b, i + 1, end);
			if (i < end && b[i] == '{') {
				i = nested(b, i, end, field);
				if (i < 0) {
					return false;
				}
			}
			else {
				i = value(b, i, end);
				if (i < 0) {
					return false;
				}
				assign(field, b, nameStart, nameEnd - nameStart);
			}
			i = skipSpace(b, i, end);
			if (i == end) {
				return false;
			}
			if (b[i] == '}') {
				return onlySpaceAfter(b, i + 1, end);
			}
			if (b[i] != ',') {
				return false;
			}
			i = skipSpace(b, i + 1, end);
		}
	}

	/** What a top-level name is: one of the four fields, an object read, a dimension. */
	private int field(byte[] b, int nameStart, int nameLength) {
		if (is(b, nameStart, nameLength, TENANT_ID)) {
			return TENANT_FIELD;
		}
		if (is(b, nameStart, nameLength, MODEL_ID)) {
			return MODEL_FIELD;
		}
		if (is(b, nameStart, nameLength, TIMESTAMP)) {
			return TIMESTAMP_FIELD;
		}
		if (is(b, nameStart, nameLength, PREDICTION)) {
			return PREDICTION_FIELD;
		}
		if (is(b, nameStart, nameLength, FEATURES)) {
			return FEATURES_FIELD;
		}
		if (is(b, nameStart, nameLength, SEGMENT)) {
			return SEGMENT_FIELD;
		}
		int dimension = dimension(b, nameStart, nameLength);
		return (dimension >= 0) ? FIRST_DIMENSION_FIELD + dimension : OTHER_FIELD;
	}

	/** Later duplicates overwrite earlier ones, as with Jackson's default. */
	private void assign(int field, byte[] b, int nameStart, int nameLength) {
		boolean string = this.valueKind == STRING;
		switch (field) {
			case TENANT_FIELD -> {
				this.tenantStart = this.valueStart;
				this.tenantLength = string ? this.valueEnd - this.valueStart : -1;
			}
			case MODEL_FIELD -> {
				this.modelStart = this.valueStart;
				this.modelLength = string ? this.valueEnd - this.valueStart : -1;
			}
			case TIMESTAMP_FIELD -> {
				this.timestampStart = this.valueStart;
				this.timestampLength = string ? this.valueEnd - this.valueStart : -1;
			}
			case PREDICTION_FIELD -> {
				this.hasPrediction = this.valueKind == NUMBER;
				this.prediction = this.number;
			}
			case OTHER_FIELD -> {
			}
			default -> {
				// A dimension may be named like one of the two objects read, and hold a
				// value that is none.
				int dimension = (field >= FIRST_DIMENSION_FIELD) ? field - FIRST_DIMENSION_FIELD
						: dimension(b, nameStart, nameLength);
				if (dimension >= 0) {
					this.dimensionStart[dimension] = this.valueStart;
					this.dimensionLength[dimension] = string ? this.valueEnd - this.valueStart : -1;
					this.anyDimension = true;
				}
			}
		}
	}

	private int dimension(byte[] b, int nameStart, int nameLength) {
		for (int d = 0; d < this.dimensions.length; d++) {
			if (is(b, nameStart, nameLength, this.dimensions[d])) {
				return d;
			}
		}
		return -1;
	}

	/**
	 * Reads the object value of a top-level field at i: {@code features} (when read) or
	 * {@code segment} (when dimensions are wanted), of flat values only. The index after
	 * it, or -1 to decline the line (any other object, or a nested value inside).
	 */
	private int nested(byte[] b, int i, int end, int field) {
		// Both objects are read even when not wanted, so that a line holding them keeps
		// the fast path; what is not wanted is not recorded.
		boolean featuresField = field == FEATURES_FIELD;
		if (!featuresField && field != SEGMENT_FIELD) {
			return -1;
		}
		KeyPredictions names = featuresField ? this.featureNames : this.segmentNames;
		boolean features = featuresField && this.readsFeatures;
		boolean segment = !featuresField && this.dimensions.length > 0;
		if (features) {
			this.features = 0; // a later duplicate replaces an earlier one
		}
		else if (segment) {
			Arrays.fill(this.nestedDimensionLength, -1);
		}
		i = skipSpace(b, i + 1, end);
		if (i < end && b[i] == '}') {
			return i + 1;
		}
		for (int position = 0;; position++) {
			if (i == end || b[i] != '"') {
				return -1;
			}
			int nameStart = i + 1;
			int nameEnd;
			// In a segment object: the dimension the name is (-1: none).
			int dimension;
			int predicted = names.match(position, b, i, end);
			if (predicted > 0) {
				nameEnd = i + predicted - 1;
				dimension = names.field(position);
			}
			else {
				nameEnd = stringEnd(b, nameStart, end);
				if (nameEnd < 0) {
					return -1;
				}
				dimension = featuresField ? -1 : dimension(b, nameStart, nameEnd - nameStart);
				names.remember(position, b, i, nameEnd, dimension);
			}
			i = skipSpace(b, nameEnd + 1, end);
			if (i == end || b[i] != ':') {
				return -1;
			}
			i = value(b, skipSpace(b, i + 1, end), end);
			if (i < 0) {
				return -1;
			}
			if (features) {
				feature(nameStart, nameEnd - nameStart);
			}
			else if (segment && dimension >= 0) {
				this.nestedDimensionStart[dimension] = this.valueStart;
				this.nestedDimensionLength[dimension] = (this.valueKind == STRING) ? this.valueEnd - this.valueStart
						: -1;
				this.anyDimension = true;
			}
			i = skipSpace(b, i, end);
			if (i == end) {
				return -1;
			}
			if (b[i] == '}') {
				return i + 1;
			}
			if (b[i] != ',') {
				return -1;
			}
			i = skipSpace(b, i + 1, end);
		}
	}

	private void feature(int nameStart, int nameLength) {
		int k = this.features;
		if (k == this.featureKind.length) {
			int size = k * 2;
			this.featureNameStart = Arrays.copyOf(this.featureNameStart, size);
			this.featureNameLength = Arrays.copyOf(this.featureNameLength, size);
			this.featureKind = Arrays.copyOf(this.featureKind, size);
			this.featureValueStart = Arrays.copyOf(this.featureValueStart, size);
			this.featureValueEnd = Arrays.copyOf(this.featureValueEnd, size);
			this.featureNumber = Arrays.copyOf(this.featureNumber, size);
		}
		this.featureNameStart[k] = nameStart;
		this.featureNameLength[k] = nameLength;
		this.featureKind[k] = this.valueKind;
		this.featureValueStart[k] = this.valueStart;
		this.featureValueEnd[k] = this.valueEnd;
		this.featureNumber[k] = this.number;
		this.features = k + 1;
	}

	/** Reads a value at i; the index after it, or -1 when it is not a simple one. */
	private int value(byte[] b, int i, int end) {
		if (i == end) {
			return -1;
		}
		byte first = b[i];
		if (first == '"') {
			int close = stringEnd(b, i + 1, end);
			this.valueKind = STRING;
			this.valueStart = i + 1;
			this.valueEnd = close;
			return (close < 0) ? -1 : close + 1;
		}
		if (first == '-' || (first >= '0' && first <= '9')) {
			this.valueKind = NUMBER;
			return number(b, i, end);
		}
		if (first == 'N') {
			return nonFinite(b, i, end, "NaN", Double.NaN);
		}
		if (first == 'I') {
			return nonFinite(b, i, end, "Infinity", Double.POSITIVE_INFINITY);
		}
		this.valueKind = OTHER;
		this.valueStart = i;
		if (first == 't') {
			return literal(b, i, end, "true");
		}
		if (first == 'f') {
			return literal(b, i, end, "false");
		}
		if (first == 'n') {
			return literal(b, i, end, "null");
		}
		return -1;
	}

	/**
	 * {@code -?(0|[1-9][0-9]*)(.[0-9]+)?}, read as the correctly rounded double, its
	 * fraction eight digits at a time. Up to {@link #MAX_EXACT_DIGITS} digits, the digits
	 * as an exact long divided by an exact power of ten is one IEEE division, so one
	 * rounding; up to {@link DecimalDoubles#MAX_DIGITS} (a logger's shortest round-trip
	 * form has up to 17), {@link DecimalDoubles}; longer ones go to Jackson's own
	 * correctly rounded parser. Declines exponents, integers of more than
	 * {@link #MAX_EXACT_DIGITS} digits, numbers over {@link #MAX_NUMBER_CHARS} characters
	 * and an integer minus zero (whose sign JSON parsers treat differently). Reads
	 * {@code -Infinity} too.
	 */
	private int number(byte[] b, int i, int end) {
		int start = i;
		boolean negative = b[i] == '-';
		if (negative) {
			i++;
		}
		int intStart = i;
		long digits = 0;
		while (i < end && b[i] >= '0' && b[i] <= '9') {
			digits = digits * 10 + (b[i] - '0'); // may overflow only when not used below
			i++;
		}
		int intDigits = i - intStart;
		if (intDigits == 0 || (intDigits > 1 && b[intStart] == '0') || intDigits > MAX_EXACT_DIGITS) {
			if (intDigits == 0 && negative && i < end && b[i] == 'I') {
				return nonFinite(b, start, end, "-Infinity", Double.NEGATIVE_INFINITY);
			}
			return -1;
		}
		int fractionDigits = 0;
		if (i < end && b[i] == '.') {
			int fractionStart = ++i;
			for (long eight; i + Long.BYTES <= end
					&& (eight = ByteSearch.eightDigits(ByteSearch.word(b, i))) >= 0; i += Long.BYTES) {
				digits = digits * 100_000_000 + eight;
			}
			while (i < end && b[i] >= '0' && b[i] <= '9') {
				digits = digits * 10 + (b[i] - '0');
				i++;
			}
			fractionDigits = i - fractionStart;
			if (fractionDigits == 0) {
				return -1;
			}
		}
		else if (negative && digits == 0) {
			return -1;
		}
		if (i < end && (b[i] == 'e' || b[i] == 'E' || b[i] == '.')) {
			return -1;
		}
		if (intDigits + fractionDigits <= MAX_EXACT_DIGITS) {
			double value = (double) digits / EXACT_POWERS_OF_TEN[fractionDigits];
			this.number = negative ? -value : value;
			return i;
		}
		if (intDigits + fractionDigits <= DecimalDoubles.MAX_DIGITS) {
			this.number = DecimalDoubles.of(digits, -fractionDigits, negative);
			return i;
		}
		int length = i - start;
		if (length > MAX_NUMBER_CHARS) {
			return -1;
		}
		char[] chars = this.numberChars;
		for (int k = 0; k < length; k++) {
			chars[k] = (char) b[start + k];
		}
		this.number = NumberInput.parseDouble(chars, 0, length, true);
		return i;
	}

	/**
	 * {@code NaN}, {@code Infinity} or {@code -Infinity}: a number that is not finite, as
	 * Jackson reads it with non-numeric numbers allowed. Its other spellings
	 * ({@code +Infinity}, {@code -INF}, {@code +INF}) are left to Jackson.
	 */
	private int nonFinite(byte[] b, int i, int end, String word, double value) {
		this.valueKind = NUMBER;
		this.number = value;
		return literal(b, i, end, word);
	}

	private static int literal(byte[] b, int i, int end, String word) {
		if (end - i < word.length()) {
			return -1;
		}
		for (int k = 0; k < word.length(); k++) {
			if (b[i + k] != word.charAt(k)) {
				return -1;
			}
		}
		return i + word.length();
	}

	/**
	 * The index of the closing quote of a string starting at i; -1 for anything but
	 * printable ASCII without escapes.
	 */
	private static int stringEnd(byte[] b, int i, int end) {
		int stop = ByteSearch.stringStop(b, i, end);
		return (stop < end && b[stop] == '"') ? stop : -1;
	}

	private static int skipSpace(byte[] b, int i, int end) {
		while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r')) {
			i++;
		}
		return i;
	}

	private static boolean onlySpaceAfter(byte[] b, int i, int end) {
		return skipSpace(b, i, end) == end;
	}

	private static boolean is(byte[] b, int start, int length, byte[] name) {
		if (length != name.length) {
			return false;
		}
		for (int k = 0; k < length; k++) {
			if (b[start + k] != name[k]) {
				return false;
			}
		}
		return true;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
