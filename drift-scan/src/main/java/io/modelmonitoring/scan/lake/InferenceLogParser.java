package io.modelmonitoring.scan.lake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * Turns the lines of one decompressed inference-log stream into samples: one JSON object
 * a line, {@code {"tenantId", "modelId", "prediction", "timestamp", …}}, other fields
 * ignored.
 * <p>
 * A line is judged only when it belongs to the scan; the rules, in order:
 * <ol>
 * <li>blank lines are skipped, never counted;</li>
 * <li>a line that is not one JSON object (or is longer than {@link #MAX_LINE_BYTES}) is
 * invalid;</li>
 * <li>{@code tenantId} missing, empty or not a string: invalid;</li>
 * <li>a tenant the request does not want: not counted at all;</li>
 * <li>{@code timestamp} missing, not a string, or not an ISO-8601 date-time with a zone
 * offset ({@code Z}, {@code +02:00}): invalid; a local date-time without offset is
 * invalid too;</li>
 * <li>a timestamp in neither window: not counted at all;</li>
 * <li>{@code modelId} missing, empty or not a string: invalid;</li>
 * <li>{@code prediction} missing, not a JSON number (a numeric string such as
 * {@code "0.4"} included), or not finite ({@code NaN}, {@code Infinity},
 * {@code -Infinity}, {@code 1e400}): invalid;</li>
 * <li>otherwise the prediction joins the window(s) its timestamp falls in.</li>
 * </ol>
 * The tokens {@code NaN}, {@code Infinity} and {@code -Infinity} (also {@code +Infinity},
 * {@code -INF}, {@code +INF}), which JSON lacks but Python's {@code json} module and
 * others write, are read as numbers that are not finite rather than as broken JSON, so
 * that a line holding one is judged by its tenant like any other bad line: as a
 * prediction it is invalid by the prediction rule, counted only in runs of its tenant.
 * <p>
 * The stream is read in chunks through a fixed buffer: memory does not grow with the file
 * or its line count. Lines of the common flat shape are read by {@link FlatLineScanner};
 * the rest by Jackson's streaming parser. One parser reads one stream at a time; it is
 * not thread-safe.
 */
final class InferenceLogParser {

	/**
	 * Lines longer than this are invalid and skipped without being held in memory.
	 */
	static final int MAX_LINE_BYTES = 1024 * 1024;

	private static final int CHUNK_BYTES = 64 * 1024;

	private static final byte NEWLINE = '\n';

	private static final JsonFactory JSON = JsonFactory.builder()
		.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.build();

	private final RecordCollector collector;

	private final int maxLineBytes;

	/** Null: every line goes through Jackson (tests compare the two paths). */
	private final FlatLineScanner scanner;

	/** Reads the lines' timestamps, and holds the last one read. */
	private final OffsetTimestamps timestamps = new OffsetTimestamps();

	private final byte[] chunk = new byte[CHUNK_BYTES];

	/** A line that spans chunks, gathered here. */
	private byte[] carry = new byte[1024];

	private int carryLength;

	private boolean carryTooLong;

	private boolean firstLine;

	// The fields of the line being parsed.

	private String tenantId;

	private String modelId;

	private boolean hasPrediction;

	private double prediction;

	private boolean hasTimestamp;

	// The strings of the previous line read by Jackson, handed out again while they
	// repeat.

	private String lastTenantId;

	private String lastModelId;

	/** The segment dimensions the scan wants, in the order of {@link ScanSignals}. */
	private final List<String> dimensions;

	private final boolean readsFeatures;

	/** Null when the scan wants neither segments nor features. */
	private final RecordDetails details;

	/**
	 * Whether {@link #details} may still hold an earlier line's segment values: a line
	 * that names no dimension then clears them, and otherwise need not.
	 */
	private boolean segmentValuesHeld;

	/**
	 * The tenants, models and segment values of scanned lines: one String per distinct
	 * value, whose hash the collectors' maps compute once.
	 */
	private final InternedStrings values = new InternedStrings();

	// Per feature slot: the previous line's strings, reused while they repeat.

	/**
	 * Per dimension: the line's top-level value, which wins over the segment object's.
	 */
	private final String[] topLevelSegment;

	private String[] lastFeatureNames = new String[16];

	/** Per feature slot: the bytes of {@link #lastFeatureNames}, compared at once. */
	private byte[][] lastFeatureNameBytes = new byte[16][];

	private String[] lastCategories = new String[16];

	InferenceLogParser(RecordCollector collector) {
		this(collector, MAX_LINE_BYTES);
	}

	InferenceLogParser(RecordCollector collector, int maxLineBytes) {
		this(collector, maxLineBytes, true);
	}

	InferenceLogParser(RecordCollector collector, int maxLineBytes, boolean scanFlatLines) {
		this.collector = collector;
		this.maxLineBytes = maxLineBytes;
		ScanSignals signals = collector.signals();
		this.dimensions = signals.dimensions();
		this.readsFeatures = signals.features();
		this.details = signals.any() ? new RecordDetails(this.dimensions.size()) : null;
		this.topLevelSegment = new String[this.dimensions.size()];
		this.scanner = scanFlatLines ? new FlatLineScanner(this.dimensions, this.readsFeatures) : null;
	}

	/**
	 * Reads the stream to its end. Records read before an I/O error stay in the
	 * collector; the line being read when it happened is dropped.
	 */
	void read(InputStream in) throws IOException {
		this.carryLength = 0;
		this.carryTooLong = false;
		this.firstLine = true;
		byte[] buffer = this.chunk;
		int read;
		while ((read = in.read(buffer, 0, buffer.length)) != -1) {
			int start = 0;
			for (int i = ByteSearch.indexOf(buffer, 0, read, NEWLINE); i >= 0; i = ByteSearch.indexOf(buffer, start,
					read, NEWLINE)) {
				if (this.carryLength == 0 && !this.carryTooLong) {
					line(buffer, start, i - start);
				}
				else {
					carry(buffer, start, i - start);
					carriedLine();
				}
				start = i + 1;
			}
			if (start < read) {
				carry(buffer, start, read - start);
			}
		}
		if (this.carryLength > 0 || this.carryTooLong) {
			carriedLine();
		}
	}

	private void carry(byte[] buffer, int offset, int length) {
		if (this.carryTooLong) {
			return;
		}
		int needed = this.carryLength + length;
		if (needed > this.maxLineBytes) {
			this.carryTooLong = true;
			this.carryLength = 0;
			return;
		}
		if (needed > this.carry.length) {
			this.carry = Arrays.copyOf(this.carry,
					Math.min(this.maxLineBytes, Math.max(needed, this.carry.length * 2)));
		}
		System.arraycopy(buffer, offset, this.carry, this.carryLength, length);
		this.carryLength = needed;
	}

	private void carriedLine() {
		if (this.carryTooLong) {
			this.firstLine = false;
			this.collector.invalidRecord();
		}
		else {
			line(this.carry, 0, this.carryLength);
		}
		this.carryLength = 0;
		this.carryTooLong = false;
	}

	/** Judges one line (without its '\n'). */
	void line(byte[] bytes, int offset, int length) {
		if (length > this.maxLineBytes) {
			this.firstLine = false;
			this.collector.invalidRecord();
			return;
		}
		int start = offset;
		int end = offset + length;
		if (this.firstLine) {
			this.firstLine = false;
			if (length >= 3 && (bytes[start] & 0xFF) == 0xEF && (bytes[start + 1] & 0xFF) == 0xBB
					&& (bytes[start + 2] & 0xFF) == 0xBF) {
				start += 3; // a UTF-8 byte order mark
			}
		}
		while (start < end && isWhitespace(bytes[start])) {
			start++;
		}
		if (start == end) {
			return;
		}
		if (!parse(bytes, start, end - start)) {
			this.collector.invalidRecord();
			return;
		}
		judge();
	}

	private static boolean isWhitespace(byte b) {
		return b == ' ' || b == '\t' || b == '\r';
	}

	/** Reads the fields of one line; false when it is not a single JSON object. */
	private boolean parse(byte[] bytes, int offset, int length) {
		if (this.scanner != null && this.scanner.scan(bytes, offset, length)) {
			takeScanned(bytes);
			return true;
		}
		return parseWithJackson(bytes, offset, length);
	}

	private void takeScanned(byte[] bytes) {
		FlatLineScanner scanned = this.scanner;
		this.tenantId = null;
		this.modelId = null;
		if (scanned.tenantLength >= 0) {
			this.tenantId = this.values.of(bytes, scanned.tenantStart, scanned.tenantLength);
		}
		if (scanned.modelLength >= 0) {
			this.modelId = this.values.of(bytes, scanned.modelStart, scanned.modelLength);
		}
		this.hasTimestamp = scanned.timestampLength >= 0
				&& this.timestamps.read(bytes, scanned.timestampStart, scanned.timestampLength);
		this.hasPrediction = scanned.hasPrediction;
		this.prediction = scanned.prediction;
		if (this.details != null) {
			takeScannedDetails(bytes, scanned);
		}
	}

	private void takeScannedDetails(byte[] bytes, FlatLineScanner scanned) {
		RecordDetails details = this.details;
		details.features = 0;
		if (scanned.anyDimension) {
			for (int d = 0; d < this.topLevelSegment.length; d++) {
				boolean top = scanned.dimensionLength[d] >= 0;
				int start = top ? scanned.dimensionStart[d] : scanned.nestedDimensionStart[d];
				int length = top ? scanned.dimensionLength[d] : scanned.nestedDimensionLength[d];
				details.segmentValues[d] = (length >= 0) ? this.values.of(bytes, start, length) : null;
			}
			this.segmentValuesHeld = true;
		}
		else if (this.segmentValuesHeld) {
			details.clear();
			this.segmentValuesHeld = false;
		}
		for (int k = 0; k < scanned.features; k++) {
			String name = featureName(k, bytes, scanned.featureNameStart[k], scanned.featureNameLength[k]);
			switch (scanned.featureKind[k]) {
				case FlatLineScanner.NUMBER -> details.number(name, scanned.featureNumber[k]);
				case FlatLineScanner.STRING -> details.category(name, category(k, bytes, scanned.featureValueStart[k],
						scanned.featureValueEnd[k] - scanned.featureValueStart[k]));
				default -> literal(details, name, bytes[scanned.featureValueStart[k]]);
			}
		}
	}

	/** {@code true} and {@code false} are categories; {@code null} is no value. */
	private static void literal(RecordDetails details, String name, byte first) {
		switch (first) {
			case 't' -> details.category(name, "true");
			case 'f' -> details.category(name, "false");
			default -> details.unusable(name);
		}
	}

	private String featureName(int slot, byte[] bytes, int start, int length) {
		growSlots(slot);
		byte[] last = this.lastFeatureNameBytes[slot];
		if (last == null || !Arrays.equals(last, 0, last.length, bytes, start, start + length)) {
			this.lastFeatureNameBytes[slot] = Arrays.copyOfRange(bytes, start, start + length);
			this.lastFeatureNames[slot] = new String(bytes, start, length, StandardCharsets.ISO_8859_1);
		}
		return this.lastFeatureNames[slot];
	}

	private String category(int slot, byte[] bytes, int start, int length) {
		this.lastCategories[slot] = reuse(bytes, start, length, this.lastCategories[slot]);
		return this.lastCategories[slot];
	}

	private void growSlots(int slot) {
		if (slot >= this.lastFeatureNames.length) {
			this.lastFeatureNames = Arrays.copyOf(this.lastFeatureNames, slot * 2);
			this.lastFeatureNameBytes = Arrays.copyOf(this.lastFeatureNameBytes, slot * 2);
			this.lastCategories = Arrays.copyOf(this.lastCategories, slot * 2);
		}
	}

	/** An ASCII string of the line, as the previous line's String when it is the same. */
	private static String reuse(byte[] bytes, int offset, int length, String previous) {
		if (previous != null && previous.length() == length) {
			boolean same = true;
			for (int i = 0; i < length && same; i++) {
				same = previous.charAt(i) == bytes[offset + i];
			}
			if (same) {
				return previous;
			}
		}
		return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
	}

	private boolean parseWithJackson(byte[] bytes, int offset, int length) {
		this.tenantId = null;
		this.modelId = null;
		this.hasPrediction = false;
		this.hasTimestamp = false;
		if (this.details != null) {
			this.details.clear();
			this.segmentValuesHeld = true;
			Arrays.fill(this.topLevelSegment, null);
		}
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), bytes, offset, length)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return false;
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (name) {
					case "tenantId" -> this.tenantId = (value == JsonToken.VALUE_STRING) ? tenantText(parser) : null;
					case "modelId" -> this.modelId = (value == JsonToken.VALUE_STRING) ? modelText(parser) : null;
					case "prediction" -> {
						this.hasPrediction = value == JsonToken.VALUE_NUMBER_INT
								|| value == JsonToken.VALUE_NUMBER_FLOAT;
						if (this.hasPrediction) {
							this.prediction = parser.getDoubleValue();
						}
					}
					case "timestamp" -> this.hasTimestamp = value == JsonToken.VALUE_STRING && this.timestamps
						.read(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength());
					default -> otherField(parser, name, value);
				}
				// One of the four fields holding an object or an array is no value of
				// theirs; what is inside is not read.
				parser.skipChildren();
			}
			if (this.details != null) {
				// A top-level value wins over the segment object's, whichever came first.
				for (int d = 0; d < this.topLevelSegment.length; d++) {
					if (this.topLevelSegment[d] != null) {
						this.details.segmentValues[d] = this.topLevelSegment[d];
					}
				}
			}
			// The loop ends on the object's END_OBJECT (anything else throws); nothing
			// may follow it on the line.
			return parser.nextToken() == null;
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/** A field other than the four: a segment value, the features, or skipped. */
	private void otherField(JsonParser parser, String name, JsonToken value) {
		if (this.details == null) {
			parser.skipChildren();
			return;
		}
		if (name.equals("features") && this.readsFeatures && value == JsonToken.START_OBJECT) {
			this.details.features = 0; // a later duplicate replaces an earlier one
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				feature(parser, parser.currentName(), parser.nextToken());
			}
			return;
		}
		if (name.equals("segment") && value == JsonToken.START_OBJECT) {
			// As the flat scanner reads it: a later segment object replaces an earlier
			// one, a later duplicate name its earlier value, and a value that is no
			// string is none.
			Arrays.fill(this.details.segmentValues, null);
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = parser.currentName();
				JsonToken fieldValue = parser.nextToken();
				int d = this.dimensions.indexOf(field);
				if (d >= 0) {
					this.details.segmentValues[d] = (fieldValue == JsonToken.VALUE_STRING) ? parser.getString() : null;
				}
				parser.skipChildren();
			}
			return;
		}
		int d = this.dimensions.indexOf(name);
		if (d >= 0) {
			this.topLevelSegment[d] = (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
		}
		parser.skipChildren();
	}

	private void feature(JsonParser parser, String name, JsonToken value) {
		switch (value) {
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> this.details.number(name, parser.getDoubleValue());
			case VALUE_STRING -> this.details.category(name, parser.getString());
			case VALUE_TRUE -> this.details.category(name, "true");
			case VALUE_FALSE -> this.details.category(name, "false");
			default -> {
				this.details.unusable(name);
				parser.skipChildren();
			}
		}
	}

	private void judge() {
		this.collector.record(this.tenantId, this.hasTimestamp, this.timestamps.epochSecond(), this.timestamps.nano(),
				this.modelId, this.hasPrediction, this.prediction, this.details);
	}

	private String tenantText(JsonParser parser) {
		this.lastTenantId = reuse(parser, this.lastTenantId);
		return this.lastTenantId;
	}

	private String modelText(JsonParser parser) {
		this.lastModelId = reuse(parser, this.lastModelId);
		return this.lastModelId;
	}

	/**
	 * The current string value, as the previous line's String when it is the same, so
	 * that consecutive lines of one model share their strings (and the collector's
	 * lookup).
	 */
	private static String reuse(JsonParser parser, String previous) {
		char[] chars = parser.getStringCharacters();
		int offset = parser.getStringOffset();
		int length = parser.getStringLength();
		if (previous != null && previous.length() == length) {
			boolean same = true;
			for (int i = 0; i < length && same; i++) {
				same = previous.charAt(i) == chars[offset + i];
			}
			if (same) {
				return previous;
			}
		}
		return new String(chars, offset, length);
	}

}
