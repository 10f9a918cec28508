package io.modelmonitoring.scan.lake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.WindowSamples;

import static io.modelmonitoring.scan.lake.InferenceLogParserTests.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One lake, written the same way to a local directory and to Azurite, with the results
 * expected from it worked out by hand from the lines below.
 * <p>
 * Windows: baseline [2026-09-23T06:00Z, 2026-10-23T06:00Z), current [2026-11-15T06:00Z,
 * 2026-11-22T06:00Z). The days read are 09-23 … 10-23 and 11-15 … 11-22.
 * <p>
 * Public for ml-service's Azure source tests, which read it from Azurite.
 */
public final class LakeFixture {

	public static final String PREFIX = "ml_inference_logs";

	public static final LogScanRequest ALL_TENANTS = new LogScanRequest(InferenceLogParserTests.BASELINE,
			InferenceLogParserTests.CURRENT, Set.of());

	public static final LogScanRequest T1_AND_T2 = new LogScanRequest(InferenceLogParserTests.BASELINE,
			InferenceLogParserTests.CURRENT, Set.of("t1", "t2"));

	public static final LogScanRequest T1 = new LogScanRequest(InferenceLogParserTests.BASELINE,
			InferenceLogParserTests.CURRENT, Set.of("t1"));

	/** Files by path under the prefix, in the order written. */
	public static Map<String, byte[]> files() {
		Map<String, byte[]> files = new LinkedHashMap<>();
		// The baseline's first day; the window starts at 06:00.
		files.put("year=2026/month=09/day=23/part-0.jsonl",
				text(line("\"t1\"", "\"m1\"", "0.1", "\"2026-09-23T05:59:59.999Z\""), // before
																						// the
																						// baseline:
																						// not
																						// counted
						line("\"t1\"", "\"m1\"", "0.25", "\"2026-09-23T06:00:00Z\""), // exactly
																						// from:
																						// baseline
						"", // blank: skipped
						line("\"t1\"", "\"m1\"", "0.5", "\"2026-09-23T08:00:00+02:00\""), // 06:00Z:
																							// baseline
						line("\"t1\"", "\"m1\"", "\"abc\"", "\"2026-09-23T01:00:00Z\""), // bad,
																							// but
																							// in
																							// no
																							// window
						"this is not json")); // invalid #1
		// A baseline day, gzipped, with a record that its own timestamp puts in the
		// current
		// window, one in neither, and a tenant t3 nobody asks for by name.
		files.put("year=2026/month=10/day=01/part-0.jsonl.gz",
				gzip(text(line("\"t1\"", "\"m1\"", "0.125", "\"2026-10-01T10:00:00Z\""), // baseline
						line("\"t1\"", "\"m2\"", "0.375", "\"2026-10-01T10:00:00Z\""), // baseline
						line("\"t2\"", "\"m1\"", "0.625", "\"2026-10-01T10:00:00Z\""), // baseline
						line("\"t1\"", "\"m1\"", "0.7", "\"2026-11-16T00:00:00Z\""), // current
						line("\"t1\"", "\"m1\"", "0.8", "\"2026-11-01T00:00:00Z\""), // between:
																						// not
																						// counted
						line("\"t1\"", "\"m1\"", "\"0.4\"", "\"2026-10-01T11:00:00Z\""), // invalid
																							// #2
						line("\"t3\"", "\"m9\"", "9", "\"2026-10-01T11:00:00Z\"")))); // t3,
																						// baseline
		// The baseline's last day; the window ends at 06:00, exclusive.
		files.put("year=2026/month=10/day=23/a.jsonl",
				text(line("\"t1\"", "\"m1\"", "0.0625", "\"2026-10-23T05:59:59.999999999Z\""), // baseline
						line("\"t1\"", "\"m1\"", "0.2", "\"2026-10-23T06:00:00Z\""))); // exactly
																						// to:
																						// not
																						// counted
		// Days in neither window: never read. Were they read, the corrupt gzip would
		// count
		// as unreadable and the record (whose timestamp is in the current window) as a
		// sample.
		files.put("year=2026/month=10/day=24/corrupt.jsonl.gz", text("this is not gzip"));
		files.put("year=2026/month=11/day=14/misplaced.jsonl",
				text(line("\"t1\"", "\"m1\"", "0.99", "\"2026-11-20T10:00:00Z\"")));
		// A current day: gzipped, in a sub-folder, next to a file that is no log.
		files.put("year=2026/month=11/day=20/hour=10/part-0.jsonl.gz",
				gzip(text(line("\"t1\"", "\"m1\"", "0.875", "\"2026-11-20T10:00:00Z\""), // current
						line("\"t1\"", "\"m1\"", "0.9", "\"2026-11-20T10:30:00.5Z\""), // current
						line("\"t1\"", "\"m2\"", "1.5", "\"2026-11-20T10:00:00Z\""), // current
						line("\"t1\"", null, "0.5", "\"2026-11-20T10:00:00Z\""), // invalid
																					// #3
						line("\"t1\"", "\"m1\"", "0.5", "\"2026-11-20T10:00:00\""), // invalid
																					// #4
						line("\"t2\"", "\"m1\"", "null", "\"2026-11-20T10:00:00Z\"")))); // invalid
																							// #5
																							// (t2)
		files.put("year=2026/month=11/day=20/_SUCCESS", text("not a log file"));
		files.put("year=2026/month=11/day=20/notes.txt", text("not json, but no log file either"));
		// Unreadable files in a current day: not gzip at all, and a gzip cut short (its
		// records are t9's, a tenant no test asks for, so what is kept does not matter).
		files.put("year=2026/month=11/day=21/broken.jsonl.gz", text("this is not gzip either"));
		byte[] whole = gzip(text(line("\"t9\"", "\"m1\"", "0.5", "\"2026-11-21T10:00:00Z\""),
				line("\"t9\"", "\"m1\"", "0.5", "\"2026-11-21T10:00:00Z\"")));
		files.put("year=2026/month=11/day=21/truncated.jsonl.gz", Arrays.copyOf(whole, whole.length - 12));
		// The current window's last day; it ends at 06:00, exclusive.
		files.put("year=2026/month=11/day=22/part.jsonl",
				text(line("\"t1\"", "\"m1\"", "0.3", "\"2026-11-22T05:59:59Z\""), // current
						line("\"t1\"", "\"m1\"", "0.4", "\"2026-11-22T06:00:00Z\""))); // not
																						// counted
		return files;
	}

	/** Files read to the end: the five readable log files in days of the windows. */
	public static final int FILES_READ = 5;

	/** broken.jsonl.gz and truncated.jsonl.gz. */
	static final int UNREADABLE_FILES = 2;

	/** Asserts what {@link #T1_AND_T2} must find in this lake. */
	public static void assertT1AndT2(LogScanResult result) {
		assertThat(result.samples()).containsOnlyKeys(new ModelKey("t1", "m1"), new ModelKey("t1", "m2"),
				new ModelKey("t2", "m1"));
		assertSamples(result, "t1", "m1", new double[] { 0.25, 0.5, 0.125, 0.0625 },
				new double[] { 0.7, 0.875, 0.9, 0.3 });
		assertSamples(result, "t1", "m2", new double[] { 0.375 }, new double[] { 1.5 });
		assertSamples(result, "t2", "m1", new double[] { 0.625 }, new double[0]);
		assertThat(result.invalidRecords()).isEqualTo(5);
		assertThat(result.filesRead()).isEqualTo(FILES_READ);
		assertThat(result.unreadableFiles()).isEqualTo(UNREADABLE_FILES);
	}

	static void assertSamples(LogScanResult result, String tenantId, String modelId, double[] baseline,
			double[] current) {
		WindowSamples samples = result.samples().get(new ModelKey(tenantId, modelId));
		assertThat(samples.baseline().toArray()).as("%s/%s baseline", tenantId, modelId)
			.containsExactlyInAnyOrder(baseline);
		assertThat(samples.current().toArray()).as("%s/%s current", tenantId, modelId)
			.containsExactlyInAnyOrder(current);
	}

	/** Writes the lake under a directory that plays the container. */
	public static void writeTo(Path root) {
		try {
			for (Map.Entry<String, byte[]> file : files().entrySet()) {
				Path path = root.resolve(PREFIX).resolve(file.getKey());
				Files.createDirectories(path.getParent());
				Files.write(path, file.getValue());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] text(String... lines) {
		return (String.join("\n", List.of(lines)) + "\n").getBytes(StandardCharsets.UTF_8);
	}

	static byte[] gzip(byte[] content) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private LakeFixture() {
	}

}
