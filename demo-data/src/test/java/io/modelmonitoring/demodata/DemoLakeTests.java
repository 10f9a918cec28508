package io.modelmonitoring.demodata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DemoLakeTests {

	@TempDir
	Path dir;

	static DemoLakeSpec small(DemoLakeSpec.Format format) {
		return new DemoLakeSpec(3, 2, 1000, 5, 2, 7L, Instant.parse("2026-11-22T06:00:00Z"), format, 1000);
	}

	@Test
	void writesTheLayoutMlServiceReads() throws IOException {
		DemoLake.Summary summary = DemoLake.write(this.dir, small(DemoLakeSpec.Format.JSONL));

		assertThat(summary.records()).isEqualTo(5000);
		assertThat(summary.files()).isEqualTo(10);
		Path day = this.dir.resolve("ml_inference_logs/year=2026/month=11/day=21");
		assertThat(day.resolve("part-00000.jsonl")).exists();
		assertThat(this.dir.resolve("ml_inference_logs/year=2026/month=11/day=17/part-00001.jsonl")).exists();
		assertThat(this.dir.resolve("ml_inference_logs/year=2026/month=11/day=22")).doesNotExist();
		List<String> lines = Files.readAllLines(day.resolve("part-00000.jsonl"));
		assertThat(lines).hasSize(500);
		assertThat(lines.get(0)).startsWith("{\"requestId\":").contains("\"tenantId\":\"tenant-0");
		assertThat(DemoLake.manifest(this.dir).getProperty("records")).isEqualTo("5000");
	}

	@Test
	void theSameSpecWritesTheSameBytesWhateverTheThreads() throws IOException {
		for (DemoLakeSpec.Format format : DemoLakeSpec.Format.values()) {
			Path one = this.dir.resolve(format + "-1");
			Path many = this.dir.resolve(format + "-4");
			DemoLake.write(one, small(format), 1);
			DemoLake.write(many, small(format), 4);
			try (Stream<Path> files = Files.walk(one.resolve(DemoLake.PREFIX))) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					Path other = many.resolve(one.relativize(file));
					assertThat(Files.readAllBytes(other)).as(file.toString()).isEqualTo(Files.readAllBytes(file));
				}
			}
		}
	}

}
