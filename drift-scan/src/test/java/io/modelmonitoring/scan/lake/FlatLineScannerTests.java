package io.modelmonitoring.scan.lake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flat-line scanner must judge every line as Jackson does: each line is read by a
 * parser with the scanner and by one without, and the two outcomes (invalid or not, the
 * window and the prediction's exact bits) must be equal. The lines are hand-picked edge
 * cases and a large random mix of well-formed and broken ones.
 */
class FlatLineScannerTests {

	static final String TS = "\"2026-11-20T10:00:00Z\"";

	@ParameterizedTest
	@ValueSource(strings = { "0.5", "0", "1", "-1", "-0.0", "-0", "0.0", "00.5", "01", "-", "1.", ".5", "+1", "1e2",
			"1E-2", "1.5e3", "0.1", "0.2", "0.3", "0.30000000000000004", "123456789012345", "1234567890123456",
			"0.123456789012345", "0.1234567890123456", "12345678901234567890", "9007199254740993", "-0.000001",
			"0.000000000000001", "1.0000000000000002", "0.8525560524777362", "2.2250738585072014",
			"0.1000000000000000055511151231257827", "9007199254740993.5", "123456789.1234567890123456789012345678901",
			"-0.00000000000000000000000000001", "999999999999999.9", "0.99999999999999999", "NaN", "-Infinity",
			"Infinity", "+Infinity", "-INF", "+INF", "INF", "nan", "-NaN", "NaNx", "Infinityx", "-Infinityx", "-Inf",
			"Inf", "1.2.3", "1-2", "0x10", "\"0.5\"", "true", "null", "[0.5]", "{\"v\": 1}" })
	void predictionsAreReadAsJacksonReadsThem(String prediction) {
		assertSameOutcome(InferenceLogParserTests.line("\"t1\"", "\"m1\"", prediction, TS));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{}", "{ }", "{\"tenantId\": \"t1\"}", "[]", "null", "  {\"a\": 1}  ", "{\"a\": 1} x",
			"{\"a\": 1}{\"b\": 2}", "{\"a\" 1}", "{\"a\": 1,}", "{,\"a\": 1}", "{\"a\": tru}", "{\"a\": truex}",
			"{\"a\": nul}", "{\"a\": falsey}", "{'a': 1}", "{a: 1}", "{\"a\": \"unterminated}",
			"{\"tenantId\": \"t\\u0031\", \"modelId\": \"m1\", \"prediction\": 0.5, \"timestamp\": " + TS + "}",
			"{\"tenantId\": \"t1\", \"tenantId\": 7, \"modelId\": \"m1\", \"prediction\": 0.5, \"timestamp\": " + TS
					+ "}",
			"{\"tenantId\": 7, \"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": 0.5, \"timestamp\": " + TS
					+ "}",
			"{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": 0.5, \"prediction\": \"x\", \"timestamp\": "
					+ TS + "}",
			"{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": \"x\", \"prediction\": 0.25, \"timestamp\": "
					+ TS + "}",
			"{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": 0.5, \"timestamp\": " + TS
					+ ", \"timestamp\": null}",
			"{\"tenantId\": \"tén\", \"modelId\": \"m1\", \"prediction\": 0.5, \"timestamp\": " + TS + "}",
			"{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": 0.5, \"timestamp\": \"2026-11-20T10:00:00.123+02:00\"}",
			"{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": 0.5, \"timestamp\": \"2026-02-29T10:00:00Z\"}",
			"{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": 0.5, \"timestamp\": \"+999999999-11-20T10:00:00.123456789+02:00\"}",
			"{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": 0.5, \"timestamp\": \"2026-11-20T10:00:00.123456789+02:00 and seventy characters of text after it\"}",
			"{\"tenantId\":\"t1\",\"modelId\":\"m1\",\"prediction\":0.5,\"timestamp\":" + TS + "}",
			"{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": 0.5, \"latencyMs\": NaN, \"timestamp\": " + TS
					+ "}",
			"{\"tenantId\": NaN, \"modelId\": \"m1\", \"prediction\": 0.5, \"timestamp\": " + TS + "}",
			"{\"tenantId\": \"t1\", \"modelId\": -Infinity, \"prediction\": 0.5, \"timestamp\": " + TS + "}",
			"{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": 0.5, \"timestamp\": Infinity}",
			"{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\":NaN}",
			"\t{\"tenantId\" :\t\"t1\" , \"modelId\" : \"m1\" , \"prediction\" : 0.5 , \"timestamp\" : " + TS
					+ " }\r" })
	void linesAreJudgedAsJacksonJudgesThem(String line) {
		assertSameOutcome(line);
	}

	@Test
	void aRandomMixOfLinesIsJudgedAsJacksonJudgesIt() {
		Random random = new Random(20261128);
		String[] tenants = { "\"t1\"", "\"t2\"", "\"\"", "7", "null", "\"t\\\"q\"", "\"té\"" };
		String[] models = { "\"m1\"", "\"m2\"", "\"\"", "3.5", "false", "[\"m\"]" };
		String[] timestamps = { TS, "\"2026-10-01T00:00:00Z\"", "\"2026-11-21T23:59:59.999999999Z\"",
				"\"2026-11-20T10:00:00\"", "\"yesterday\"", "1795164000000", "null" };
		String[] extras = { "", ", \"features\": {\"x\": [1, 2]}", ", \"ok\": true", ", \"id\": \"r-9\"",
				", \"note\": null", ", \"latencyMs\": 12" };
		int checked = 0;
		for (int i = 0; i < 20_000; i++) {
			String prediction = randomNumber(random);
			String line = "{\"tenantId\": " + pick(random, tenants) + ", \"modelId\": " + pick(random, models)
					+ ", \"prediction\": " + prediction + ", \"timestamp\": " + pick(random, timestamps)
					+ pick(random, extras) + "}";
			if (random.nextInt(10) == 0) {
				line = mangle(random, line);
			}
			assertSameOutcome(line);
			checked++;
		}
		assertThat(checked).isEqualTo(20_000);
	}

	/**
	 * One stream, as a file is read: the scanner expects each line's names where the
	 * previous line had them, so lines that share their names' order and lines that break
	 * it (other names, other lengths, other spacing, broken names) follow one another,
	 * with segments and features read.
	 */
	@Test
	void aStreamOfLinesInShiftingShapesIsJudgedAsJacksonJudgesIt() {
		Random random = new Random(20261202);
		String[] tenants = { "\"t1\"", "\"tenant-0000000002\"", "\"\"", "7", "\"t\\\"q\"" };
		String[] models = { "\"m1\"", "\"win-probability\"", "3.5", "null" };
		String[] timestamps = { TS, "\"2026-10-01T00:00:00Z\"", "\"2026-11-20T10:00:00\"", "null" };
		String[] names = { "tenantId", "modelId", "prediction", "timestamp", "region", "industry", "segment",
				"features", "requestId", "tenantI", "tenantIdX", "modelVersion", "a", "" };
		String[] segments = { "{\"region\": \"emea\", \"industry\": \"finance\"}", "{\"industry\": \"retail\"}",
				"{\"region\": 3}", "{}", "{\"regio\": \"x\", \"region\": \"apac\"}" };
		String[] features = { "{\"amount\": 12.5, \"plan\": \"pro\", \"trial\": true}",
				"{\"amount\": 3, \"plan\": \"basic\", \"trial\": false, \"note\": null}",
				"{\"plan\": \"pro\", \"amount\": -1.25}", "{\"amountX\": 1}", "{}" };
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			StringBuilder line = new StringBuilder("{");
			// Mostly the common order, as loggers write; now and then another.
			List<String> fields = new ArrayList<>(List.of("tenantId", "modelId", "prediction", "timestamp"));
			if (random.nextInt(4) == 0) {
				fields.add(0, "requestId");
			}
			if (random.nextInt(3) == 0) {
				fields.add(random.nextBoolean() ? "segment" : "region");
			}
			if (random.nextInt(3) == 0) {
				fields.add("features");
			}
			if (random.nextInt(20) == 0) {
				Collections.shuffle(fields, random);
			}
			if (random.nextInt(20) == 0) {
				fields.set(random.nextInt(fields.size()), pick(random, names));
			}
			String colon = (random.nextInt(30) == 0) ? " : " : ":";
			for (int f = 0; f < fields.size(); f++) {
				String name = fields.get(f);
				String value = switch (name) {
					case "tenantId" -> pick(random, tenants);
					case "modelId" -> pick(random, models);
					case "prediction" -> randomNumber(random);
					case "timestamp" -> pick(random, timestamps);
					case "segment" -> pick(random, segments);
					case "features" -> pick(random, features);
					case "region", "industry" -> "\"r" + random.nextInt(3) + "\"";
					default -> "\"x-" + random.nextInt(100) + "\"";
				};
				line.append((f == 0) ? "" : ",").append('"').append(name).append('"').append(colon).append(value);
			}
			line.append('}');
			lines.add((random.nextInt(15) == 0) ? mangle(random, line.toString()) : line.toString());
		}
		String stream = String.join("\n", lines);

		assertThat(streamOutcome(stream, true)).isEqualTo(streamOutcome(stream, false));
	}

	@Test
	void theCommonShapeIsTakenByTheScannerNotDeclined() {
		FlatLineScanner scanner = new FlatLineScanner();
		byte[] line = ("{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": 0.734, \"timestamp\": " + TS
				+ ", \"ok\": true, \"note\": null}")
			.getBytes(StandardCharsets.US_ASCII);

		assertThat(scanner.scan(line, 0, line.length)).isTrue();
		assertThat(new String(line, scanner.tenantStart, scanner.tenantLength, StandardCharsets.US_ASCII))
			.isEqualTo("t1");
		assertThat(new String(line, scanner.timestampStart, scanner.timestampLength, StandardCharsets.US_ASCII))
			.isEqualTo("2026-11-20T10:00:00Z");
		assertThat(scanner.hasPrediction).isTrue();
		assertThat(scanner.prediction).isEqualTo(0.734);
	}

	@ParameterizedTest
	@ValueSource(strings = { "NaN", "Infinity", "-Infinity" })
	void theNonFiniteTokensAreTakenByTheScannerNotDeclined(String token) {
		FlatLineScanner scanner = new FlatLineScanner();
		byte[] line = ("{\"tenantId\": \"t1\", \"modelId\": \"m1\", \"prediction\": " + token + ", \"timestamp\": " + TS
				+ "}")
			.getBytes(StandardCharsets.US_ASCII);

		assertThat(scanner.scan(line, 0, line.length)).isTrue();
		assertThat(scanner.hasPrediction).isTrue();
		assertThat(Double.valueOf(scanner.prediction)).isEqualTo(Double.valueOf(token));
	}

	private static String randomNumber(Random random) {
		return switch (random.nextInt(6)) {
			case 0 -> Double.toString(random.nextDouble());
			case 1 -> String.format(java.util.Locale.ROOT, "%." + random.nextInt(18) + "f", random.nextDouble() * 10);
			case 2 -> Long.toString(random.nextLong() >> random.nextInt(63));
			case 3 -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
			case 4 -> "-0." + "0".repeat(random.nextInt(5)) + (1 + random.nextInt(999_999));
			default -> random.nextInt(1_000) + "." + random.nextInt(1_000_000);
		};
	}

	/**
	 * Cuts, doubles or swaps a byte of a line, to make malformed neighbours of good
	 * lines.
	 */
	private static String mangle(Random random, String line) {
		int at = random.nextInt(line.length());
		return switch (random.nextInt(3)) {
			case 0 -> line.substring(0, at);
			case 1 -> line.substring(0, at) + line.charAt(at) + line.substring(at);
			default -> line.substring(0, at) + "\"{}:,.-e0 \\".charAt(random.nextInt(11)) + line.substring(at + 1);
		};
	}

	private static String pick(Random random, String[] values) {
		return values[random.nextInt(values.length)];
	}

	private static void assertSameOutcome(String line) {
		assertThat(outcome(line, true)).as(line).isEqualTo(outcome(line, false));
	}

	/** Invalid count and, per model and window, the raw bits of each prediction. */
	private static Map<String, Object> outcome(String line, boolean scanFlatLines) {
		return predictions(read(InferenceLogParserTests.collector(Set.of()), line + "\n", scanFlatLines));
	}

	private static LogScanResult read(SampleCollector collector, String stream, boolean scanFlatLines) {
		try {
			new InferenceLogParser(collector, InferenceLogParser.MAX_LINE_BYTES, scanFlatLines)
				.read(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return collector.toResult();
	}

	private static Map<String, Object> predictions(LogScanResult result) {
		Map<String, Object> outcome = new TreeMap<>();
		outcome.put("invalid", result.invalidRecords());
		result.samples().forEach((key, samples) -> {
			outcome.put(key + " baseline", bits(samples.baseline().toArray()));
			outcome.put(key + " current", bits(samples.current().toArray()));
		});
		return outcome;
	}

	/**
	 * The invalid count, each model's predictions' bits, and its segments' and features'
	 * counts and samples, of one stream read by one parser.
	 */
	private static Map<String, Object> streamOutcome(String stream, boolean scanFlatLines) {
		SampleCollector collector = new SampleCollector(
				new LogScanRequest(InferenceLogParserTests.BASELINE, InferenceLogParserTests.CURRENT, Set.of(),
						new ScanSignals(List.of("industry", "region"), 50, true, 50, 10)));
		LogScanResult result = read(collector, stream, scanFlatLines);
		Map<String, Object> outcome = predictions(result);
		result.signals().forEach((key, signals) -> {
			signals.segments()
				.forEach((segment, windows) -> outcome.put(key + " " + segment, List.of(windows.baselineCount(),
						windows.currentCount(), bits(windows.baselineSample()), bits(windows.currentSample()))));
			signals.features().forEach((feature, windows) -> {
				List<Object> parts = new ArrayList<>();
				parts.add(windows.unusable());
				if (windows.numbers() != null) {
					parts.add(bits(windows.numbers().baselineSample()));
					parts.add(bits(windows.numbers().currentSample()));
				}
				if (windows.categories() != null) {
					parts.add(windows.categories().categories());
					parts.add(Arrays.toString(windows.categories().baselineByCategory()));
					parts.add(Arrays.toString(windows.categories().currentByCategory()));
				}
				outcome.put(key + " feature " + feature, parts);
			});
			outcome.put(key + " ignored", List.of(signals.ignoredSegmentValues(), signals.ignoredFeatures()));
		});
		return outcome;
	}

	private static List<Long> bits(double[] values) {
		List<Long> bits = new ArrayList<>();
		for (double value : values) {
			bits.add(Double.doubleToRawLongBits(value));
		}
		return bits;
	}

}
