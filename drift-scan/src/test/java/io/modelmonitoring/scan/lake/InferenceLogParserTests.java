package io.modelmonitoring.scan.lake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.TimeWindow;
import io.modelmonitoring.scan.model.WindowSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class InferenceLogParserTests {

	static final TimeWindow BASELINE = new TimeWindow(Instant.parse("2026-09-23T06:00:00Z"),
			Instant.parse("2026-10-23T06:00:00Z"));

	static final TimeWindow CURRENT = new TimeWindow(Instant.parse("2026-11-15T06:00:00Z"),
			Instant.parse("2026-11-22T06:00:00Z"));

	static final String GOOD_BEFORE = "{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": 0.25, "
			+ "\"timestamp\": \"2026-11-20T10:00:00Z\"}";

	static final String GOOD_AFTER = "{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": 0.75, "
			+ "\"timestamp\": \"2026-11-20T11:00:00Z\", \"features\": {\"x\": [1, 2]}}";

	static Stream<Arguments> badLines() {
		return Stream.of(Arguments.of("not JSON", "this is not json"), Arguments.of("a JSON array", "[1, 2, 3]"),
				Arguments.of("a JSON string", "\"t1\""), Arguments.of("a JSON number", "0.5"),
				Arguments.of("a cut-off object",
						"{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": 0.5, \"timestamp\": \"2026-11-20T10:00:00Z\""),
				Arguments.of("two objects on one line", GOOD_BEFORE + " " + GOOD_BEFORE),
				Arguments.of("text after the object", GOOD_BEFORE + " x"),
				Arguments.of("missing tenantId", line(null, "\"m1\"", "0.5", "\"2026-11-20T10:00:00Z\"")),
				Arguments.of("numeric tenantId", line("7", "\"m1\"", "0.5", "\"2026-11-20T10:00:00Z\"")),
				Arguments.of("null tenantId", line("null", "\"m1\"", "0.5", "\"2026-11-20T10:00:00Z\"")),
				Arguments.of("empty tenantId", line("\"\"", "\"m1\"", "0.5", "\"2026-11-20T10:00:00Z\"")),
				Arguments.of("missing modelId", line("\"t1\"", null, "0.5", "\"2026-11-20T10:00:00Z\"")),
				Arguments.of("numeric modelId", line("\"t1\"", "3", "0.5", "\"2026-11-20T10:00:00Z\"")),
				Arguments.of("empty modelId", line("\"t1\"", "\"\"", "0.5", "\"2026-11-20T10:00:00Z\"")),
				Arguments.of("missing prediction", line("\"t1\"", "\"m1\"", null, "\"2026-11-20T10:00:00Z\"")),
				Arguments.of("\"abc\" prediction", line("\"t1\"", "\"m1\"", "\"abc\"", "\"2026-11-20T10:00:00Z\"")),
				Arguments.of("numeric string prediction",
						line("\"t1\"", "\"m1\"", "\"0.4\"", "\"2026-11-20T10:00:00Z\"")),
				Arguments.of("null prediction", line("\"t1\"", "\"m1\"", "null", "\"2026-11-20T10:00:00Z\"")),
				Arguments.of("boolean prediction", line("\"t1\"", "\"m1\"", "true", "\"2026-11-20T10:00:00Z\"")),
				Arguments.of("object prediction",
						line("\"t1\"", "\"m1\"", "{\"value\": 0.4}", "\"2026-11-20T10:00:00Z\"")),
				Arguments.of("NaN prediction", line("\"t1\"", "\"m1\"", "NaN", "\"2026-11-20T10:00:00Z\"")),
				Arguments.of("Infinity prediction", line("\"t1\"", "\"m1\"", "Infinity", "\"2026-11-20T10:00:00Z\"")),
				Arguments.of("-Infinity prediction", line("\"t1\"", "\"m1\"", "-Infinity", "\"2026-11-20T10:00:00Z\"")),
				Arguments.of("\"NaN\" string prediction",
						line("\"t1\"", "\"m1\"", "\"NaN\"", "\"2026-11-20T10:00:00Z\"")),
				Arguments.of("prediction overflowing to infinity",
						line("\"t1\"", "\"m1\"", "1e400", "\"2026-11-20T10:00:00Z\"")),
				Arguments.of("no timestamp", line("\"t1\"", "\"m1\"", "0.5", null)),
				Arguments.of("unparseable timestamp", line("\"t1\"", "\"m1\"", "0.5", "\"yesterday\"")),
				Arguments.of("timestamp on a day that does not exist",
						line("\"t1\"", "\"m1\"", "0.5", "\"2026-11-31T10:00:00Z\"")),
				Arguments.of("timestamp at hour 24", line("\"t1\"", "\"m1\"", "0.5", "\"2026-11-20T24:00:00Z\"")),
				Arguments.of("timestamp without zone offset",
						line("\"t1\"", "\"m1\"", "0.5", "\"2026-11-20T10:00:00\"")),
				Arguments.of("date-only timestamp", line("\"t1\"", "\"m1\"", "0.5", "\"2026-11-20\"")),
				Arguments.of("epoch-millis timestamp", line("\"t1\"", "\"m1\"", "0.5", "1795164000000")),
				Arguments.of("null timestamp", line("\"t1\"", "\"m1\"", "0.5", "null")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badLines")
	void badLineIsCountedInvalidAndTheLinesAroundItAreKept(String name, String badLine) {
		LogScanResult result = parse(Set.of(), GOOD_BEFORE, badLine, GOOD_AFTER);

		assertThat(result.invalidRecords()).isEqualTo(1);
		assertThat(result.samples()).containsOnlyKeys(new ModelKey("t1", "m1"));
		WindowSamples samples = result.samples().get(new ModelKey("t1", "m1"));
		assertThat(samples.current().toArray()).containsExactly(0.25, 0.75);
		assertThat(samples.baseline().size()).isZero();
	}

	@Test
	void blankLinesAreSkippedWithoutBeingCounted() {
		LogScanResult result = parse(Set.of(), "", GOOD_BEFORE, "   ", "\t\r", "", GOOD_AFTER, "");

		assertThat(result.invalidRecords()).isZero();
		assertThat(result.samples().get(new ModelKey("t1", "m1")).current().toArray()).containsExactly(0.25, 0.75);
	}

	@Test
	void predictionsAreReadExactlyAsWritten() {
		String[] written = { "0.1", "0.30000000000000004", "-2.5", "3", "1e-300", "123456789.123456789",
				"0.9999999999999999", "0", "-0.0", "1E2" };
		String[] lines = new String[written.length];
		for (int i = 0; i < written.length; i++) {
			lines[i] = line("\"t1\"", "\"m1\"", written[i], "\"2026-11-20T10:00:00Z\"");
		}

		LogScanResult result = parse(Set.of(), lines);

		assertThat(result.invalidRecords()).isZero();
		assertThat(result.samples().get(new ModelKey("t1", "m1")).current().toArray()).containsExactly(0.1,
				0.30000000000000004, -2.5, 3.0, 1e-300, 123456789.123456789, 0.9999999999999999, 0.0, -0.0, 100.0);
	}

	@Test
	void theRecordsOwnTimestampDecidesItsWindowAndEdgesAreHalfOpen() {
		LogScanResult result = parse(Set.of(),
				// exactly the baseline's start: in
				line("\"t1\"", "\"m1\"", "1", "\"2026-09-23T06:00:00Z\""),
				// the same instant written with an offset: in
				line("\"t1\"", "\"m1\"", "2", "\"2026-09-23T08:00:00+02:00\""),
				// a nanosecond before the baseline's end: in
				line("\"t1\"", "\"m1\"", "3", "\"2026-10-23T05:59:59.999999999Z\""),
				// exactly the baseline's end: out, and not counted at all
				line("\"t1\"", "\"m1\"", "4", "\"2026-10-23T06:00:00Z\""),
				// a millisecond before the baseline's start: out
				line("\"t1\"", "\"m1\"", "5", "\"2026-09-23T05:59:59.999Z\""),
				// between the windows: out
				line("\"t1\"", "\"m1\"", "6", "\"2026-11-01T00:00:00Z\""),
				// exactly the current window's start, with a negative offset: in
				line("\"t1\"", "\"m1\"", "7", "\"2026-11-15T00:30:00-05:30\""),
				// exactly the current window's end: out
				line("\"t1\"", "\"m1\"", "8", "\"2026-11-22T06:00:00Z\""),
				// a bad prediction whose timestamp is in neither window: not counted
				line("\"t1\"", "\"m1\"", "\"abc\"", "\"2026-11-01T00:00:00Z\""));

		assertThat(result.invalidRecords()).isZero();
		WindowSamples samples = result.samples().get(new ModelKey("t1", "m1"));
		assertThat(samples.baseline().toArray()).containsExactly(1.0, 2.0, 3.0);
		assertThat(samples.current().toArray()).containsExactly(7.0);
	}

	@Test
	void tenantsNotAskedForAreNotCountedAtAll() {
		LogScanResult result = parse(Set.of("t1"), GOOD_BEFORE,
				line("\"t2\"", "\"m1\"", "0.5", "\"2026-11-20T10:00:00Z\""),
				// bad records of a tenant not asked for are not ours to count
				line("\"t2\"", "\"m1\"", "\"abc\"", "\"2026-11-20T10:00:00Z\""),
				line("\"t2\"", "\"m1\"", "0.5", "\"yesterday\""),
				// a line whose tenant cannot be known counts for every scan
				"not json");

		assertThat(result.samples()).containsOnlyKeys(new ModelKey("t1", "m1"));
		assertThat(result.invalidRecords()).isEqualTo(1);
	}

	/**
	 * A prediction written as one of the tokens JSON lacks is a bad prediction of a known
	 * tenant, not a line whose tenant cannot be known: it counts in the runs that include
	 * its tenant, and in no other, whichever reader takes the line.
	 */
	@ParameterizedTest(name = "{0}, read with the flat-line scanner: {1}")
	@MethodSource("nonFinitePredictions")
	void aNonFinitePredictionCountsOnlyInRunsThatIncludeItsTenant(String token, boolean scanFlatLines) {
		String[] lines = { GOOD_BEFORE, line("\"tx\"", "\"m1\"", token, "\"2026-11-20T10:00:00Z\"") };

		LogScanResult forX = parse(scanFlatLines, Set.of("tx"), lines);
		LogScanResult forY = parse(scanFlatLines, Set.of("ty"), lines);
		LogScanResult forEveryTenant = parse(scanFlatLines, Set.of(), lines);

		assertThat(forX.invalidRecords()).isEqualTo(1);
		assertThat(forX.samples()).isEmpty();
		assertThat(forY.invalidRecords()).isZero();
		assertThat(forY.samples()).isEmpty();
		assertThat(forEveryTenant.invalidRecords()).isEqualTo(1);
		assertThat(forEveryTenant.samples()).containsOnlyKeys(new ModelKey("t1", "m1"));
	}

	static Stream<Arguments> nonFinitePredictions() {
		return Stream.of("NaN", "Infinity", "-Infinity", "+Infinity", "-INF", "+INF")
			.flatMap((token) -> Stream.of(Arguments.of(token, true), Arguments.of(token, false)));
	}

	@ParameterizedTest(name = "read with the flat-line scanner: {0}")
	@ValueSource(booleans = { true, false })
	void aNonFiniteTokenInAFieldThatIsNotReadLeavesTheRecordValid(boolean scanFlatLines) {
		String withNaN = "{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": 0.5, \"latencyMs\": NaN, "
				+ "\"timestamp\": \"2026-11-20T10:00:00Z\"}";

		LogScanResult result = parse(scanFlatLines, Set.of(), withNaN);

		assertThat(result.invalidRecords()).isZero();
		assertThat(result.samples().get(new ModelKey("t1", "m1")).current().toArray()).containsExactly(0.5);
	}

	@Test
	void modelsAndTenantsAreKeptApart() {
		LogScanResult result = parse(Set.of(), line("\"t1\"", "\"m1\"", "1", "\"2026-11-20T10:00:00Z\""),
				line("\"t1\"", "\"m2\"", "2", "\"2026-11-20T10:00:00Z\""),
				line("\"t2\"", "\"m1\"", "3", "\"2026-10-01T10:00:00Z\""),
				line("\"t1\"", "\"m1\"", "4", "\"2026-11-20T10:00:00Z\""));

		assertThat(result.samples()).containsOnlyKeys(new ModelKey("t1", "m1"), new ModelKey("t1", "m2"),
				new ModelKey("t2", "m1"));
		assertThat(result.samples().get(new ModelKey("t1", "m1")).current().toArray()).containsExactly(1.0, 4.0);
		assertThat(result.samples().get(new ModelKey("t1", "m2")).current().toArray()).containsExactly(2.0);
		assertThat(result.samples().get(new ModelKey("t2", "m1")).baseline().toArray()).containsExactly(3.0);
	}

	@Test
	void crlfLineEndsAByteOrderMarkAndNoFinalNewlineAreRead() throws IOException {
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		byte[] text = (GOOD_BEFORE + "\r\n" + GOOD_AFTER).getBytes(StandardCharsets.UTF_8);
		byte[] content = new byte[bom.length + text.length];
		System.arraycopy(bom, 0, content, 0, bom.length);
		System.arraycopy(text, 0, content, bom.length, text.length);
		SampleCollector collector = collector(Set.of());

		new InferenceLogParser(collector).read(new ByteArrayInputStream(content));

		LogScanResult result = collector.toResult();
		assertThat(result.invalidRecords()).isZero();
		assertThat(result.samples().get(new ModelKey("t1", "m1")).current().toArray()).containsExactly(0.25, 0.75);
	}

	@Test
	void linesLongerThanTheReadChunkAreReadWhole() {
		String longLine = "{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"features\": \"" + "x".repeat(200_000)
				+ "\", \"prediction\": 0.5, \"timestamp\": \"2026-11-20T10:00:00Z\"}";

		LogScanResult result = parse(Set.of(), GOOD_BEFORE, longLine, GOOD_AFTER);

		assertThat(result.invalidRecords()).isZero();
		assertThat(result.samples().get(new ModelKey("t1", "m1")).current().toArray()).containsExactly(0.25, 0.5, 0.75);
	}

	@Test
	void linesLongerThanTheLimitAreInvalidWithoutBeingHeld() throws IOException {
		String tooLong = "{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"features\": \"" + "x".repeat(300_000)
				+ "\", \"prediction\": 0.5, \"timestamp\": \"2026-11-20T10:00:00Z\"}";
		SampleCollector collector = collector(Set.of());

		new InferenceLogParser(collector, 1000).read(new ByteArrayInputStream(
				String.join("\n", GOOD_BEFORE, tooLong, GOOD_AFTER, tooLong).getBytes(StandardCharsets.UTF_8)));

		LogScanResult result = collector.toResult();
		assertThat(result.invalidRecords()).isEqualTo(2);
		assertThat(result.samples().get(new ModelKey("t1", "m1")).current().toArray()).containsExactly(0.25, 0.75);
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-20T10:15:30Z", "2026-11-20T10:15:30.5Z", "2026-11-20T10:15:30.123456789Z",
			"2026-11-20T10:15:30+02:00", "2026-11-20T10:15:30.25-05:30", "2026-11-20T10:15:30-00:00",
			"2026-11-20T10:15Z", "2026-11-20t10:15:30Z", "2026-11-20T10:15:30+18:00", "2024-02-29T00:00:00Z",
			"2026-01-31T23:59:59.999Z", "2026-11-20T10:15:30.1234567891Z", "2026-11-20T10:15:30+2:00",
			"2026-11-20T10:15:30 Z", "2025-02-29T00:00:00Z", "2026-11-20T10:15:60Z", "2026-13-01T00:00:00Z",
			"2026-11-20T10:15:30+02", "2026-11-20T10:15:30.Z", "+2026-11-20T10:15:30Z", "", "2026-01-31T10:00:00Z",
			"2026-04-31T10:00:00Z", "2026-04-30T10:00:00Z", "2026-12-31T23:59:59Z", "1900-02-29T00:00:00Z",
			"2000-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "0000-03-01T00:00:00Z", "0000-02-29T12:00:00+01:00",
			"9999-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.5-00:30", "2026-06-31T00:00:00Z" })
	void timestampsAreReadAsIsoOffsetDateTimeReadsThem(String text) {
		Instant expected;
		try {
			expected = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
		}
		catch (RuntimeException ex) {
			expected = null;
		}

		assertThat(instant(text.toCharArray(), 0, text.length())).isEqualTo(expected);
	}

	@ParameterizedTest(name = "flat scanner: {0}")
	@ValueSource(booleans = { true, false })
	void anObjectOrArrayInOneOfTheFourFieldsIsNoValueOfItsAndTheLineStaysOneObject(boolean flat) {
		String other = "{\"tenantId\": \"other\", \"modelId\": \"m1\", \"prediction\": 0.5, \"timestamp\": {\"a\": [1]}}";
		String[] lines = { other,
				"{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": 0.5, \"timestamp\": [\"2026-11-20T10:00:00Z\"]}",
				"{\"tenantId\": \"t1\", \"modelId\": {\"id\": \"m1\"}, \"prediction\": 0.5, \"timestamp\": \"2026-11-20T10:00:00Z\"}",
				"{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": [0.5], \"timestamp\": \"2026-11-20T10:00:00Z\"}",
				"{\"tenantId\": [\"t1\"], \"modelId\": \"m1\", \"prediction\": 0.5, \"timestamp\": \"2026-11-20T10:00:00Z\"}",
				GOOD_AFTER };

		// Another tenant's line is not counted in a run for t1; t1's are invalid, as is a
		// line without a usable tenant.
		assertThat(parse(flat, Set.of("t1"), lines).invalidRecords()).isEqualTo(4);
		assertThat(parse(flat, Set.of(), lines).invalidRecords()).isEqualTo(5);
		assertThat(parse(flat, Set.of("t1"), lines).samples().get(new ModelKey("t1", "m1")).current().toArray())
			.containsExactly(0.75);
	}

	@Test
	void epochDaysAreLocalDatesEpochDaysForEveryDateOfYearsZeroTo9999() {
		for (LocalDate date = LocalDate.of(0, 1, 1); date.getYear() < 10_000; date = date.plusDays(1)) {
			assertThat(OffsetTimestamps.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth()))
				.as("%s", date)
				.isEqualTo(date.toEpochDay());
		}
		for (int year = 0; year < 10_000; year++) {
			for (int month = 1; month <= 12; month++) {
				assertThat(OffsetTimestamps.lengthOfMonth(year, month))
					.isEqualTo(YearMonth.of(year, month).lengthOfMonth());
			}
		}
	}

	@Test
	void oneReaderReadsEachTimestampAsIfAlone() {
		// The reader keeps the last date it read: a text of the same day, of another day
		// or month, or of an invalid day after a valid one must read as it reads alone.
		List<String> texts = List.of("2026-02-27T10:15:30Z", "2026-02-27T23:59:59.5+01:00", "2026-02-28T00:00:00Z",
				"2026-02-29T00:00:00Z", "2026-02-28T24:00:00Z", "2026-02-28T10:15:30Z", "2026-03-28T10:15:30Z",
				"2024-02-29T10:15:30Z", "2025-02-29T10:15:30Z", "2024-02-29T10:61:30Z", "2024-02-29T10:15:30-17:59");
		OffsetTimestamps reader = new OffsetTimestamps();
		for (String text : texts) {
			byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
			Instant alone = instant(text.toCharArray(), 0, text.length());

			boolean read = reader.read(bytes, 0, bytes.length);

			assertThat(read ? Instant.ofEpochSecond(reader.epochSecond(), reader.nano()) : null).as(text)
				.isEqualTo(alone);
		}
	}

	@Test
	void commonTimestampsGiveTheInstantWritten() {
		String text = "xx2026-11-20T12:15:30.5+02:00yy";

		assertThat(instant(text.toCharArray(), 2, text.length() - 4))
			.isEqualTo(Instant.parse("2026-11-20T10:15:30.500Z"));
	}

	/**
	 * What a fresh reader reads from the characters, as an instant; null: no timestamp.
	 */
	private static Instant instant(char[] chars, int offset, int length) {
		OffsetTimestamps reader = new OffsetTimestamps();
		return reader.read(chars, offset, length) ? Instant.ofEpochSecond(reader.epochSecond(), reader.nano()) : null;
	}

	static LogScanResult parse(Set<String> tenants, String... lines) {
		return parse(true, tenants, lines);
	}

	static LogScanResult parse(boolean scanFlatLines, Set<String> tenants, String... lines) {
		SampleCollector collector = collector(tenants);
		try {
			new InferenceLogParser(collector, InferenceLogParser.MAX_LINE_BYTES, scanFlatLines)
				.read(new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return collector.toResult();
	}

	static SampleCollector collector(Set<String> tenants) {
		return new SampleCollector(new LogScanRequest(BASELINE, CURRENT, tenants));
	}

	/** A log line; a null argument leaves its field out. */
	static String line(String tenantId, String modelId, String prediction, String timestamp) {
		StringBuilder line = new StringBuilder("{\"requestId\": \"r-1\"");
		if (tenantId != null) {
			line.append(", \"tenantId\": ").append(tenantId);
		}
		if (modelId != null) {
			line.append(", \"modelId\": ").append(modelId);
		}
		if (prediction != null) {
			line.append(", \"prediction\": ").append(prediction);
		}
		if (timestamp != null) {
			line.append(", \"timestamp\": ").append(timestamp);
		}
		return line.append("}").toString();
	}

}
