package io.modelmonitoring.scan.lake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import io.modelmonitoring.scan.binning.BinnedWindows;
import io.modelmonitoring.scan.binning.WindowSketch;
import io.modelmonitoring.scan.drift.Psi;
import io.modelmonitoring.scan.drift.PsiResult;
import io.modelmonitoring.scan.model.FeatureWindows;
import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.ModelSignals;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segments and features as the scan reads them: where a record's segment value comes
 * from, how feature values are told apart, which values and names are kept, and the exact
 * bins of groups too large for their sketches, through both line readers and through a
 * parallel scan of several passes.
 */
class ScanSignalsTests {

	static final ScanSignals SIGNALS = new ScanSignals(List.of("industry", "region"), 3, true, 3, 10);

	static final ModelKey MODEL = new ModelKey("t1", "m1");

	static final String CURRENT = "\"timestamp\": \"2026-11-20T10:00:00Z\"";

	static final String BASELINE = "\"timestamp\": \"2026-10-01T10:00:00Z\"";

	@TempDir
	Path lake;

	@ParameterizedTest(name = "flat scanner: {0}")
	@ValueSource(booleans = { true, false })
	void aSegmentValueIsTheTopLevelFieldElseTheSegmentObjects(boolean flat) {
		ModelSignals signals = parse(flat,
				record("0.5", CURRENT,
						"\"region\": \"emea\", \"segment\": {\"industry\": \"finance\", \"region\": \"amer\"}"),
				record("0.25", CURRENT, "\"segment\": {\"region\": \"apac\"}, \"region\": \"emea\""),
				record("0.75", BASELINE, "\"segment\": {\"region\": \"apac\", \"other\": \"x\"}"),
				record("0.125", BASELINE, "\"region\": 7"));

		assertThat(signals.segments()).containsOnlyKeys("industry=finance", "region=emea", "region=apac");
		// No baseline: counted, never binned (the check is skipped as too small).
		assertThat(signals.segments().get("industry=finance").currentCount()).isEqualTo(1);
		assertThat(signals.segments().get("region=emea").currentCount()).isEqualTo(2);
		assertThat(signals.segments().get("region=apac").baselineSample()).containsExactly(0.75);
		assertThat(signals.segments().get("region=apac").currentCount()).isZero();
	}

	@ParameterizedTest(name = "flat scanner: {0}")
	@ValueSource(booleans = { true, false })
	void featuresAreNumbersOrCategoriesAndTheRestIsUnusable(boolean flat) {
		ModelSignals signals = parse(flat,
				record("0.5", CURRENT,
						"\"features\": {\"amount\": 12.5, \"plan\": \"pro\", \"trial\": true, \"note\": null}"),
				record("0.5", CURRENT,
						"\"features\": {\"amount\": 3, \"plan\": \"basic\", \"trial\": false, \"note\": NaN}"),
				record("0.5", BASELINE, "\"features\": {\"amount\": -1.25, \"note\": [1, 2]}"));

		assertThat(signals.features()).containsOnlyKeys("amount", "note", "plan");
		FeatureWindows amount = signals.features().get("amount");
		assertThat(amount.categorical()).isFalse();
		assertThat(amount.numbers().currentSample()).containsExactly(3.0, 12.5);
		assertThat(amount.numbers().baselineSample()).containsExactly(-1.25);
		FeatureWindows plan = signals.features().get("plan");
		assertThat(plan.categorical()).isTrue();
		assertThat(plan.categories().currentCount()).isEqualTo(2);
		assertThat(signals.features().get("note").unusable()).isEqualTo(3);
		// "trial" is the fourth name by order: beyond the three kept.
		assertThat(signals.ignoredFeatures()).isEqualTo(1);
	}

	@ParameterizedTest(name = "flat scanner: {0}")
	@ValueSource(booleans = { true, false })
	void aLaterSegmentObjectOrDuplicateNameReplacesTheEarlierOne(boolean flat) {
		ModelSignals signals = parse(flat,
				record("0.5", CURRENT, "\"segment\": {\"region\": \"eu\", \"region\": \"us\"}"),
				record("0.5", CURRENT, "\"segment\": {\"region\": \"eu\", \"region\": null}"),
				record("0.5", CURRENT, "\"segment\": {\"region\": \"eu\"}, \"segment\": {}"),
				record("0.5", CURRENT, "\"segment\": {\"region\": \"eu\"}, \"segment\": {\"industry\": \"x\"}"));

		assertThat(signals.segments()).containsOnlyKeys("region=us", "industry=x");
		assertThat(signals.segments().get("region=us").currentCount()).isEqualTo(1);
	}

	@Test
	void theFirstValuesOfADimensionByNameAreKeptWhicheverComeFirst() {
		List<String> lines = new ArrayList<>();
		for (String region : new String[] { "d", "c", "b", "d", "a", "e" }) {
			lines.add(record("0.5", CURRENT, "\"region\": \"" + region + "\""));
		}

		ModelSignals signals = parse(true, lines.toArray(String[]::new));

		assertThat(signals.segments()).containsOnlyKeys("region=a", "region=b", "region=c");
		// d's two records were dropped when a came, e's was refused.
		assertThat(signals.ignoredSegmentValues()).isEqualTo(3);
	}

	@Test
	void aSegmentValueOverTheLengthLimitIsIgnoredAndCounted() {
		ModelSignals signals = parse(true, record("0.5", CURRENT, "\"region\": \"" + "x".repeat(129) + "\""),
				record("0.5", CURRENT, "\"region\": \"" + "x".repeat(128) + "\""));

		assertThat(signals.segments()).containsOnlyKeys("region=" + "x".repeat(128));
		assertThat(signals.ignoredSegmentValues()).isEqualTo(1);
	}

	@Test
	void aRecordWithoutAUsablePredictionGivesNoSegmentOrFeatureValue() {
		ModelSignals signals = parse(true, record("\"0.5\"", CURRENT, "\"region\": \"emea\", \"features\": {\"a\": 1}"),
				record("0.5", CURRENT, "\"region\": \"amer\""));

		assertThat(signals.segments()).containsOnlyKeys("region=amer");
		assertThat(signals.features()).isEmpty();
	}

	@Test
	void aScanOfPredictionsAloneGathersNoSignals() {
		SampleCollector collector = new SampleCollector(
				new LogScanRequest(InferenceLogParserTests.BASELINE, InferenceLogParserTests.CURRENT, Set.of()));
		read(collector, true, record("0.5", CURRENT, "\"region\": \"emea\", \"features\": {\"a\": 1}"));

		assertThat(collector.toResult().signals()).isEmpty();
		assertThat(collector.toResult().samples().get(MODEL).current().toArray()).containsExactly(0.5);
	}

	@Test
	void parquetSegmentAndFeatureColumnsAreReadAsTheFieldsOfALine() {
		MessageType schema = Types.buildMessage()
			.optional(PrimitiveTypeName.BINARY)
			.as(LogicalTypeAnnotation.stringType())
			.named("tenantId")
			.optional(PrimitiveTypeName.BINARY)
			.as(LogicalTypeAnnotation.stringType())
			.named("modelId")
			.optional(PrimitiveTypeName.DOUBLE)
			.named("prediction")
			.optional(PrimitiveTypeName.BINARY)
			.as(LogicalTypeAnnotation.stringType())
			.named("timestamp")
			.optional(PrimitiveTypeName.BINARY)
			.as(LogicalTypeAnnotation.stringType())
			.named("region")
			.optionalGroup()
			.optional(PrimitiveTypeName.BINARY)
			.as(LogicalTypeAnnotation.stringType())
			.named("industry")
			.optional(PrimitiveTypeName.BINARY)
			.as(LogicalTypeAnnotation.stringType())
			.named("region")
			.named("segment")
			.optionalGroup()
			.optional(PrimitiveTypeName.DOUBLE)
			.named("amount")
			.optional(PrimitiveTypeName.INT32)
			.named("count")
			.optional(PrimitiveTypeName.BINARY)
			.as(LogicalTypeAnnotation.stringType())
			.named("plan")
			.optional(PrimitiveTypeName.BOOLEAN)
			.named("trial")
			.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY)
			.length(4)
			.named("raw")
			.named("features")
			.named("inference");
		Path file = this.lake.resolve("part-0.parquet");
		ParquetFixture.write(file, schema, CompressionCodecName.SNAPPY, List.of((row) -> {
			ParquetFixture.row("t1", "m1", 0.5, "2026-11-20T10:00:00Z").accept(row);
			row.append("region", "emea");
			row.addGroup("segment").append("industry", "finance").append("region", "amer");
			row.addGroup("features")
				.append("amount", 12.5)
				.append("count", 3)
				.append("plan", "pro")
				.append("trial", true);
		}, (row) -> {
			ParquetFixture.row("t1", "m1", 0.25, "2026-10-01T10:00:00Z").accept(row);
			row.addGroup("segment").append("region", "apac");
			row.addGroup("features").append("amount", -1.25);
		}));
		SampleCollector collector = new SampleCollector(new LogScanRequest(InferenceLogParserTests.BASELINE,
				InferenceLogParserTests.CURRENT, Set.of(), SIGNALS));

		new LogFileReader(collector).read(LogFile.local(file));

		ModelSignals signals = collector.toResult().signals().get(MODEL);
		assertThat(signals.segments()).containsOnlyKeys("industry=finance", "region=emea", "region=apac");
		assertThat(signals.segments().get("region=emea").currentCount()).isEqualTo(1);
		assertThat(signals.segments().get("region=apac").baselineSample()).containsExactly(0.25);
		// amount, count, plan are the first three by name; trial is ignored; raw is no
		// feature type.
		assertThat(signals.features()).containsOnlyKeys("amount", "count", "plan");
		assertThat(signals.features().get("amount").numbers().baselineSample()).containsExactly(-1.25);
		assertThat(signals.features().get("count").unusable()).isEqualTo(1);
		assertThat(signals.features().get("plan").categorical()).isTrue();
		assertThat(signals.ignoredFeatures()).isEqualTo(1);
	}

	/**
	 * Groups of far more values than a sketch keeps exactly, spread over many files and
	 * read by two threads: their bins come from later passes, and must be those of all
	 * their values to the bit, the same as a sequential scan's.
	 */
	@Test
	void groupsTooLargeForTheirSketchesGetTheExactBinsOfAllTheirValues() throws IOException {
		SplittableRandom random = new SplittableRandom(42);
		int perFile = 1500;
		List<Double> baselineAmounts = new ArrayList<>();
		List<Double> currentAmounts = new ArrayList<>();
		List<Double> baselineEmea = new ArrayList<>();
		List<Double> currentEmea = new ArrayList<>();
		String[] days = { "2026/month=09/day=25", "2026/month=10/day=01", "2026/month=10/day=10",
				"2026/month=10/day=20", "2026/month=11/day=16", "2026/month=11/day=20" };
		for (int d = 0; d < days.length; d++) {
			boolean current = d >= 4;
			String timestamp = "\"timestamp\": \"" + days[d].replace("/month=", "-").replace("/day=", "-")
					+ "T10:00:00Z\"";
			for (int file = 0; file < 2; file++) {
				StringBuilder text = new StringBuilder();
				for (int i = 0; i < perFile; i++) {
					// A point mass at 0 holding a fifth of the values, ties, and a
					// spread.
					double amount = (random.nextInt(5) == 0) ? 0.0 : Math.round(random.nextGaussian() * 1000) / 10.0;
					double prediction = random.nextDouble();
					String region = (random.nextInt(3) == 0) ? "amer" : "emea";
					text.append(record(Double.toString(prediction), timestamp,
							"\"region\": \"" + region + "\", \"features\": {\"amount\": " + amount + "}"))
						.append('\n');
					(current ? currentAmounts : baselineAmounts).add(amount);
					if (region.equals("emea")) {
						(current ? currentEmea : baselineEmea).add(prediction);
					}
				}
				Path directory = this.lake.resolve(LakeFixture.PREFIX).resolve("year=" + days[d]);
				Files.createDirectories(directory);
				Files.writeString(directory.resolve("part-" + file + ".jsonl"), text, StandardCharsets.UTF_8);
			}
		}
		assertThat(baselineAmounts.size()).isGreaterThan(WindowSketch.EXACT_VALUES);
		LogScanRequest request = new LogScanRequest(InferenceLogParserTests.BASELINE, InferenceLogParserTests.CURRENT,
				Set.of(), SIGNALS);

		ModelSignals parallel = new LocalDirectoryLogSource(this.lake, LakeFixture.PREFIX, 2).scan(request)
			.signals()
			.get(MODEL);
		ModelSignals sequential = new LocalDirectoryLogSource(this.lake, LakeFixture.PREFIX, 1).scan(request)
			.signals()
			.get(MODEL);

		assertSameBins(parallel.features().get("amount").numbers(), baselineAmounts, currentAmounts);
		assertSameBins(sequential.features().get("amount").numbers(), baselineAmounts, currentAmounts);
		assertSameBins(parallel.segments().get("region=emea"), baselineEmea, currentEmea);
		assertSameBins(sequential.segments().get("region=emea"), baselineEmea, currentEmea);
	}

	private static void assertSameBins(BinnedWindows binned, List<Double> baseline, List<Double> current) {
		PsiResult expected = Psi.compute(array(baseline), array(current), 10, 0.5);
		PsiResult actual = Psi.compute(binned, 10, 0.5);
		assertThat(binned.baselineCount()).isEqualTo(baseline.size());
		assertThat(binned.currentCount()).isEqualTo(current.size());
		assertThat(actual.edges()).isEqualTo(expected.edges());
		assertThat(actual.histogram()).isEqualTo(expected.histogram());
		assertThat(Double.doubleToRawLongBits(actual.psi())).isEqualTo(Double.doubleToRawLongBits(expected.psi()));
	}

	private static double[] array(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).toArray();
	}

	static String record(String prediction, String timestamp, String more) {
		return "{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": " + prediction + ", " + timestamp + ", "
				+ more + "}";
	}

	private static ModelSignals parse(boolean flat, String... lines) {
		SampleCollector collector = new SampleCollector(new LogScanRequest(InferenceLogParserTests.BASELINE,
				InferenceLogParserTests.CURRENT, Set.of(), SIGNALS));
		read(collector, flat, lines);
		return collector.toResult().signals().get(MODEL);
	}

	private static void read(SampleCollector collector, boolean flat, String... lines) {
		try {
			new InferenceLogParser(collector, InferenceLogParser.MAX_LINE_BYTES, flat)
				.read(new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
