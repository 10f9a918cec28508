package io.modelmonitoring.scan.lake;

/**
 * The names of an object's fields on the previous line, by position: a logger writes
 * every line's fields in one order, so the k-th name of a line is most often the k-th
 * name of the line before. A name that is (quotes included) at most two words long is
 * then checked by comparing two words, instead of searched for its closing quote and
 * compared with the names the scanner looks for. A match is byte for byte the earlier
 * name, which the scanner accepted as a plain string: the same name, ending at the same
 * offset. Not thread-safe.
 */
final class KeyPredictions {

	/** Names predicted per object; later ones are read the ordinary way. */
	private static final int POSITIONS = 32;

	/** The most bytes of a predicted name, both quotes included. */
	private static final int MAX_BYTES = 2 * Long.BYTES;

	/** Per position: the quoted name's length (0: none predicted), words and masks. */
	private final int[] lengths = new int[POSITIONS];

	private final long[] lows = new long[POSITIONS];

	private final long[] lowMasks = new long[POSITIONS];

	private final long[] highs = new long[POSITIONS];

	private final long[] highMasks = new long[POSITIONS];

	/** Per position: what the caller made of the name (its field). */
	private final int[] fields = new int[POSITIONS];

	/**
	 * The length of the quoted name at {@code quote} (its opening quote) when it is the
	 * name predicted for this position; 0 when it is not, or none is.
	 * @param end the end of the line: a name must lie before it
	 */
	int match(int position, byte[] b, int quote, int end) {
		if (position >= POSITIONS) {
			return 0;
		}
		int length = this.lengths[position];
		if (length == 0 || quote + length > end || quote + MAX_BYTES > b.length) {
			return 0;
		}
		boolean same = (ByteSearch.word(b, quote) & this.lowMasks[position]) == this.lows[position]
				&& (ByteSearch.word(b, quote + Long.BYTES) & this.highMasks[position]) == this.highs[position];
		return same ? length : 0;
	}

	/** The field remembered with the name at this position (after a match). */
	int field(int position) {
		return this.fields[position];
	}

	/**
	 * Remembers the quoted name from {@code quote} to {@code closingQuote}, accepted as a
	 * plain string, for this position of the next line.
	 */
	void remember(int position, byte[] b, int quote, int closingQuote, int field) {
		if (position >= POSITIONS) {
			return;
		}
		int length = closingQuote - quote + 1;
		if (length > MAX_BYTES || quote + MAX_BYTES > b.length) {
			this.lengths[position] = 0;
			return;
		}
		this.lowMasks[position] = ByteSearch.lowBytes(Math.min(length, Long.BYTES));
		this.highMasks[position] = ByteSearch.lowBytes(Math.max(0, length - Long.BYTES));
		this.lows[position] = ByteSearch.word(b, quote) & this.lowMasks[position];
		this.highs[position] = ByteSearch.word(b, quote + Long.BYTES) & this.highMasks[position];
		this.fields[position] = field;
		this.lengths[position] = length;
	}

}
