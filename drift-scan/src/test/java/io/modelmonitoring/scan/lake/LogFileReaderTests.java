package io.modelmonitoring.scan.lake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import io.modelmonitoring.scan.model.ModelKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogFileReaderTests {

	static final String LINES = InferenceLogParserTests.GOOD_BEFORE + "\n" + InferenceLogParserTests.GOOD_AFTER + "\n";

	@Test
	void onlyJsonlAndGzippedJsonlAreLogFiles() {
		assertThat(LogFileReader.isLogFile("part-0.jsonl")).isTrue();
		assertThat(LogFileReader.isLogFile("logs/part-0.jsonl.gz")).isTrue();
		assertThat(LogFileReader.isLogFile("part-0.json")).isFalse();
		assertThat(LogFileReader.isLogFile("part-0.parquet")).isTrue();
		assertThat(LogFileReader.isLogFile("part-0.jsonl.tmp")).isFalse();
		assertThat(LogFileReader.isLogFile("_SUCCESS")).isFalse();
	}

	@Test
	void plainAndGzippedFilesGiveTheSameRecords() throws IOException {
		SampleCollector collector = InferenceLogParserTests.collector(Set.of());
		LogFileReader reader = new LogFileReader(collector);

		reader.read("a.jsonl", () -> new ByteArrayInputStream(LINES.getBytes(StandardCharsets.UTF_8)));
		reader.read("b.jsonl.gz", () -> new ByteArrayInputStream(gzip(LINES)));

		LogScanResult result = collector.toResult();
		assertThat(result.filesRead()).isEqualTo(2);
		assertThat(result.unreadableFiles()).isZero();
		assertThat(result.samples().get(new ModelKey("t1", "m1")).current().toArray()).containsExactly(0.25, 0.75, 0.25,
				0.75);
	}

	@Test
	void anIoErrorMidFileCountsTheFileUnreadableAndKeepsTheRecordsReadBeforeIt() {
		SampleCollector collector = InferenceLogParserTests.collector(Set.of());
		LogFileReader reader = new LogFileReader(collector);
		// The first line whole, then half of the second, then the disk fails.
		byte[] content = LINES.getBytes(StandardCharsets.UTF_8);
		int failAt = InferenceLogParserTests.GOOD_BEFORE.length() + 1 + 20;

		reader.read("failing.jsonl", () -> new FailingAfter(content, failAt));
		reader.read("next.jsonl", () -> new ByteArrayInputStream(content));

		LogScanResult result = collector.toResult();
		assertThat(result.unreadableFiles()).isEqualTo(1);
		assertThat(result.filesRead()).isEqualTo(1);
		assertThat(result.invalidRecords()).isZero();
		// 0.25 from the failing file, the half line dropped; then the next file whole.
		assertThat(result.samples().get(new ModelKey("t1", "m1")).current().toArray()).containsExactly(0.25, 0.25,
				0.75);
	}

	@Test
	void aCorruptOrTruncatedGzipIsUnreadableAndTheNextFileIsStillRead() throws IOException {
		SampleCollector collector = InferenceLogParserTests.collector(Set.of());
		LogFileReader reader = new LogFileReader(collector);
		byte[] gzipped = gzip(LINES);

		reader.read("not-gzip.jsonl.gz", () -> new ByteArrayInputStream(LINES.getBytes(StandardCharsets.UTF_8)));
		reader.read("truncated.jsonl.gz", () -> new ByteArrayInputStream(Arrays.copyOf(gzipped, gzipped.length - 10)));
		reader.read("cannot-open.jsonl", () -> {
			throw new IOException("permission denied");
		});
		reader.read("good.jsonl.gz", () -> new ByteArrayInputStream(gzipped));

		LogScanResult result = collector.toResult();
		assertThat(result.unreadableFiles()).isEqualTo(3);
		assertThat(result.filesRead()).isEqualTo(1);
	}

	static byte[] gzip(String text) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

	/** Gives the first bytes of the content, then fails as a broken disk would. */
	static final class FailingAfter extends FilterInputStream {

		private int left;

		FailingAfter(byte[] content, int failAt) {
			super(new ByteArrayInputStream(content));
			this.left = failAt;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.left == 0) {
				throw new IOException("simulated I/O error");
			}
			int read = super.read(buffer, offset, Math.min(length, this.left));
			this.left -= read;
			return read;
		}

		@Override
		public int read() throws IOException {
			throw new UnsupportedOperationException();
		}

	}

}
