package io.modelmonitoring.scan.lake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.modelmonitoring.scan.model.ModelKey;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.modelmonitoring.scan.lake.ParquetFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parquet inference logs: the same rules as a JSON line, for the column types collectors
 * write.
 */
class ParquetLogReaderTests {

	@TempDir
	Path dir;

	/** Rows in the windows of {@link InferenceLogParserTests}. */
	static final List<Consumer<Group>> ROWS = List.of(row("t1", "m1", 0.25, "2026-11-20T10:00:00Z"), // current
			row("t1", "m1", 0.5, "2026-10-01T12:00:00+02:00"), // baseline
			row("t1", "m2", 1.0, "2026-11-20T10:00:00.123456789Z"), // current
			row("t1", "m1", null, "2026-11-20T10:00:00Z"), // invalid: null prediction
			row("t1", "m1", Double.NaN, "2026-11-20T10:00:00Z"), // invalid: NaN
			row(null, "m1", 0.5, "2026-11-20T10:00:00Z"), // invalid: no tenant
			row("", "m1", 0.5, "2026-11-20T10:00:00Z"), // invalid: empty tenant
			row("t1", null, 0.5, "2026-11-20T10:00:00Z"), // invalid: no model
			row("t1", "m1", 0.5, "2026-11-20T10:00:00"), // invalid: no offset
			row("t1", "m1", 0.5, null), // invalid: no timestamp
			row("t1", "m1", 0.5, "2026-11-01T10:00:00Z"), // in neither window
			row("t2", "m1", Double.NaN, "2026-11-20T10:00:00Z"), // t2: not asked for
			row("t1", "m1", 0.75, "2026-11-20T11:00:00Z")); // current

	@ParameterizedTest
	@EnumSource(value = CompressionCodecName.class, names = { "UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW" })
	void readsRowsByTheRulesOfAJsonLineWhateverTheCodec(CompressionCodecName codec) {
		Path file = this.dir.resolve("part-0.parquet");
		ParquetFixture.write(file, ParquetFixture.STRING_TIMESTAMPS, codec, ROWS);

		LogScanResult result = read(file, Set.of("t1"));

		assertThat(result.filesRead()).isEqualTo(1);
		assertThat(result.unreadableFiles()).isZero();
		assertThat(result.invalidRecords()).isEqualTo(7);
		LakeFixture.assertSamples(result, "t1", "m1", new double[] { 0.5 }, new double[] { 0.25, 0.75 });
		LakeFixture.assertSamples(result, "t1", "m2", new double[0], new double[] { 1.0 });
		assertThat(result.samples()).containsOnlyKeys(new ModelKey("t1", "m1"), new ModelKey("t1", "m2"));
	}

	@Test
	void aLakeOfParquetGivesWhatTheSameRecordsAsJsonLinesGive() throws IOException {
		// The rows above as JSON lines, with the same expected outcome.
		Path jsonl = this.dir.resolve("json/part-0.jsonl");
		Files.createDirectories(jsonl.getParent());
		Files.write(jsonl,
				LakeFixture.text(InferenceLogParserTests.line("\"t1\"", "\"m1\"", "0.25", "\"2026-11-20T10:00:00Z\""),
						InferenceLogParserTests.line("\"t1\"", "\"m1\"", "0.5", "\"2026-10-01T12:00:00+02:00\""),
						InferenceLogParserTests.line("\"t1\"", "\"m2\"", "1.0", "\"2026-11-20T10:00:00.123456789Z\""),
						InferenceLogParserTests.line("\"t1\"", "\"m1\"", "null", "\"2026-11-20T10:00:00Z\""),
						InferenceLogParserTests.line("\"t1\"", "\"m1\"", "NaN", "\"2026-11-20T10:00:00Z\""),
						InferenceLogParserTests.line(null, "\"m1\"", "0.5", "\"2026-11-20T10:00:00Z\""),
						InferenceLogParserTests.line("\"\"", "\"m1\"", "0.5", "\"2026-11-20T10:00:00Z\""),
						InferenceLogParserTests.line("\"t1\"", null, "0.5", "\"2026-11-20T10:00:00Z\""),
						InferenceLogParserTests.line("\"t1\"", "\"m1\"", "0.5", "\"2026-11-20T10:00:00\""),
						InferenceLogParserTests.line("\"t1\"", "\"m1\"", "0.5", null),
						InferenceLogParserTests.line("\"t1\"", "\"m1\"", "0.5", "\"2026-11-01T10:00:00Z\""),
						InferenceLogParserTests.line("\"t2\"", "\"m1\"", "NaN", "\"2026-11-20T10:00:00Z\""),
						InferenceLogParserTests.line("\"t1\"", "\"m1\"", "0.75", "\"2026-11-20T11:00:00Z\"")));
		Path parquet = this.dir.resolve("part-0.parquet");
		ParquetFixture.write(parquet, ParquetFixture.STRING_TIMESTAMPS, CompressionCodecName.SNAPPY, ROWS);

		SampleCollector collector = InferenceLogParserTests.collector(Set.of("t1"));
		new LogFileReader(collector).read(LogFile.local(jsonl));
		LogScanResult fromJson = collector.toResult();
		LogScanResult fromParquet = read(parquet, Set.of("t1"));

		assertThat(fromParquet.invalidRecords()).isEqualTo(fromJson.invalidRecords());
		assertThat(fromParquet.samples().keySet()).isEqualTo(fromJson.samples().keySet());
		fromJson.samples()
			.forEach((key, samples) -> LakeFixture.assertSamples(fromParquet, key.tenantId(), key.modelId(),
					samples.baseline().toArray(), samples.current().toArray()));
	}

	@ParameterizedTest
	@EnumSource(value = TimeUnit.class)
	void readsTimestampColumnsAdjustedToUtcInEveryUnit(TimeUnit unit) {
		Instant current = Instant.parse("2026-11-20T10:00:00.123456789Z");
		Instant baseline = Instant.parse("2026-10-01T00:00:00Z");
		Path file = this.dir.resolve("ts.parquet");
		ParquetFixture.write(file, ParquetFixture.timestampColumn(unit, true), CompressionCodecName.SNAPPY,
				List.of(int64Row("t1", 0.25, value(current, unit)), int64Row("t1", 0.5, value(baseline, unit)),
						int64Row("t1", 0.75, value(Instant.parse("2026-11-22T06:00:00Z"), unit)))); // 'to':
																									// out

		LogScanResult result = read(file, Set.of());

		LakeFixture.assertSamples(result, "t1", "m1", new double[] { 0.5 }, new double[] { 0.25 });
		assertThat(result.invalidRecords()).isZero();
	}

	@Test
	void aTimestampColumnNotAdjustedToUtcIsALocalDateTimeAndInvalid() {
		Path file = this.dir.resolve("local.parquet");
		ParquetFixture.write(file, ParquetFixture.timestampColumn(TimeUnit.MICROS, false), CompressionCodecName.SNAPPY,
				List.of(int64Row("t1", 0.25, value(Instant.parse("2026-11-20T10:00:00Z"), TimeUnit.MICROS))));

		LogScanResult result = read(file, Set.of());

		assertThat(result.samples()).isEmpty();
		assertThat(result.invalidRecords()).isEqualTo(1);
	}

	@Test
	void readsLegacyInt96Timestamps() {
		MessageType schema = Types.buildMessage()
			.required(PrimitiveTypeName.BINARY)
			.as(LogicalTypeAnnotation.stringType())
			.named("tenantId")
			.required(PrimitiveTypeName.BINARY)
			.as(LogicalTypeAnnotation.stringType())
			.named("modelId")
			.required(PrimitiveTypeName.FLOAT)
			.named("prediction")
			.required(PrimitiveTypeName.INT96)
			.named("timestamp")
			.named("spark");
		// 2026-11-20T10:00:00Z: Julian day 2440588 + 20412, 36000 s into the day.
		long epochDay = java.time.LocalDate.parse("2026-11-20").toEpochDay();
		Path file = this.dir.resolve("spark.parquet");
		ParquetFixture.write(file, schema, CompressionCodecName.SNAPPY, List.of((group) -> {
			group.append("tenantId", "t1");
			group.append("modelId", "m1");
			group.append("prediction", 0.5f);
			group.append("timestamp", new NanoTime((int) (2_440_588 + epochDay), 36_000_000_000_000L));
		}));

		LogScanResult result = read(file, Set.of());

		LakeFixture.assertSamples(result, "t1", "m1", new double[0], new double[] { 0.5 });
	}

	@Test
	void aNonFinitePredictionCountsOnlyInRunsThatIncludeItsTenant() {
		Path file = this.dir.resolve("non-finite.parquet");
		ParquetFixture.write(file, ParquetFixture.STRING_TIMESTAMPS, CompressionCodecName.SNAPPY,
				List.of(row("tx", "m1", Double.NaN, "2026-11-20T10:00:00Z"),
						row("tx", "m1", Double.POSITIVE_INFINITY, "2026-11-20T10:00:00Z"),
						row("tx", "m1", Double.NEGATIVE_INFINITY, "2026-11-20T10:00:00Z"),
						row("ty", "m1", 0.5, "2026-11-20T10:00:00Z")));

		assertThat(read(file, Set.of("tx")).invalidRecords()).isEqualTo(3);
		LogScanResult forY = read(file, Set.of("ty"));
		assertThat(forY.invalidRecords()).isZero();
		LakeFixture.assertSamples(forY, "ty", "m1", new double[0], new double[] { 0.5 });
	}

	@Test
	void aFileWithoutATenantColumnHasOnlyInvalidRows() {
		MessageType schema = Types.buildMessage()
			.required(PrimitiveTypeName.DOUBLE)
			.named("prediction")
			.named("no_tenant");
		Path file = this.dir.resolve("no-tenant.parquet");
		ParquetFixture.write(file, schema, CompressionCodecName.SNAPPY,
				List.of((group) -> group.append("prediction", 0.5), (group) -> group.append("prediction", 0.6)));

		LogScanResult result = read(file, Set.of());

		assertThat(result.invalidRecords()).isEqualTo(2);
		assertThat(result.filesRead()).isEqualTo(1);
	}

	@Test
	void aFileThatIsNoParquetOrIsCutShortIsUnreadable() throws IOException {
		Path garbage = this.dir.resolve("garbage.parquet");
		Files.writeString(garbage, "this is not parquet");
		Path whole = this.dir.resolve("whole.parquet");
		ParquetFixture.write(whole, ParquetFixture.STRING_TIMESTAMPS, CompressionCodecName.SNAPPY, ROWS);
		byte[] bytes = Files.readAllBytes(whole);
		Path truncated = this.dir.resolve("truncated.parquet");
		Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 20));

		SampleCollector collector = InferenceLogParserTests.collector(Set.of());
		LogFileReader reader = new LogFileReader(collector);
		reader.read(LogFile.local(garbage));
		reader.read(LogFile.local(truncated));
		reader.read(LogFile.local(this.dir.resolve("gone.parquet")));
		LogScanResult result = collector.toResult();

		assertThat(result.unreadableFiles()).isEqualTo(3);
		assertThat(result.filesRead()).isZero();
	}

	static LogScanResult read(Path file, Set<String> tenants) {
		SampleCollector collector = InferenceLogParserTests.collector(tenants);
		new LogFileReader(collector).read(LogFile.local(file));
		return collector.toResult();
	}

	private static Consumer<Group> int64Row(String tenantId, double prediction, long timestamp) {
		return (group) -> group.append("tenantId", tenantId)
			.append("modelId", "m1")
			.append("prediction", prediction)
			.append("timestamp", timestamp);
	}

	private static long value(Instant instant, TimeUnit unit) {
		long seconds = instant.getEpochSecond();
		int nanos = instant.getNano();
		return switch (unit) {
			case MILLIS -> seconds * 1_000L + nanos / 1_000_000;
			case MICROS -> seconds * 1_000_000L + nanos / 1_000;
			case NANOS -> seconds * 1_000_000_000L + nanos;
		};
	}

}
