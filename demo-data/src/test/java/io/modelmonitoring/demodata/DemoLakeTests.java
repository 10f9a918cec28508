package io.modelmonitoring.demodata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.bson.Document;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

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
	void aSpecWithoutSegmentsAndFeaturesWritesTheBytesItWroteBeforeRecordsHadThem() throws Exception {
		DemoLake.write(this.dir, small(DemoLakeSpec.Format.JSONL), 1);
		MessageDigest md5 = MessageDigest.getInstance("MD5");
		for (Path file : files(this.dir)) {
			md5.update(Files.readAllBytes(file));
		}
		// The day files in path order, concatenated, as the generator before segments
		// and features wrote them: `find ml_inference_logs -name 'part-*' | sort | xargs
		// cat | md5sum`.
		assertThat(HexFormat.of().formatHex(md5.digest())).isEqualTo("2b40b8f365d27636d56d01960fb34fc5");
		assertThat(DemoLake.manifest(this.dir).getProperty("spec")).isEqualTo(
				"DemoLakeSpec[tenants=3, models=2, recordsPerDay=1000, days=5, filesPerDay=2, seed=7, asOf=2026-11-22T06:00:00Z, format=JSONL, invalidPerMillion=1000]");
	}

	@Test
	void segmentsAndFeaturesTellTheirStoriesAndLeaveThePredictionsOfTheOthersAlone() throws Exception {
		// 2 tenants × 3 models, 60 days of 6,000 records: the current window holds about
		// 7,000 records of each model, 2,450 of them in emea.
		DemoLakeSpec plain = new DemoLakeSpec(2, 3, 6000, 60, 1, 11L, Instant.parse("2026-11-22T06:00:00Z"),
				DemoLakeSpec.Format.JSONL, 0);
		DemoLakeSpec spec = plain.withSignals(12, 2, true);
		DemoLake.write(this.dir.resolve("plain"), plain, 2);
		DemoLake.write(this.dir.resolve("signals"), spec, 2);
		assertThat(DemoLake.manifest(this.dir.resolve("signals")).getProperty("spec"))
			.endsWith(", numericFeatures=12, categoricalFeatures=2, segments=true]");
		List<Path> plainFiles = files(this.dir.resolve("plain"));
		List<Path> signalFiles = files(this.dir.resolve("signals"));
		long current = spec.asOf().minusSeconds(7 * 86_400).toEpochMilli();
		long baselineFrom = spec.asOf().minusSeconds(60 * 86_400).toEpochMilli();
		long baselineTo = spec.asOf().minusSeconds(30 * 86_400).toEpochMilli();
		// Sums of logit(prediction) and of days_in_stage per [model][region][window].
		double[][][] logits = new double[6][3][2];
		double[][][] days = new double[6][1][2];
		long[][][] counts = new long[6][3][2];
		long[][][] dayCounts = new long[6][1][2];
		for (int f = 0; f < signalFiles.size(); f++) {
			List<String> plainLines = Files.readAllLines(plainFiles.get(f));
			List<String> lines = Files.readAllLines(signalFiles.get(f));
			assertThat(lines).hasSameSizeAs(plainLines);
			for (int i = 0; i < lines.size(); i++) {
				Document record = Document.parse(lines.get(i));
				Document before = Document.parse(plainLines.get(i));
				assertThat(record.getString("industry")).isIn((Object[]) DemoRecords.INDUSTRIES);
				String region = record.getString("region");
				int r = List.of(DemoRecords.REGIONS).indexOf(region);
				assertThat(r).isNotNegative();
				assertThat(record.get("segment", Document.class).getString("deal_size"))
					.isIn((Object[]) DemoRecords.DEAL_SIZES);
				Document features = record.get("features", Document.class);
				assertThat(features.keySet()).hasSize(14)
					.contains("deal_amount", "days_in_stage", "seat_count", "deal_amount_2", "days_in_stage_2", "plan",
							"is_renewal");
				assertThat(features.get("is_renewal")).isInstanceOf(Boolean.class);
				assertThat(features.getString("plan")).isIn("free", "pro", "enterprise");
				int tenant = Integer.parseInt(record.getString("tenantId").substring(7)) - 1;
				int model = List.of(DemoLake.MODEL_NAMES).indexOf(record.getString("modelId"));
				long at = Instant.parse(record.getString("timestamp")).toEpochMilli();
				int window = (at >= current) ? 1 : (at >= baselineFrom && at < baselineTo) ? 0 : -1;
				double prediction = record.getDouble("prediction");
				if (window < 0) {
					continue;
				}
				int m = tenant * 3 + model;
				logits[m][r][window] += Math.log(prediction / (1 - prediction));
				counts[m][r][window]++;
				days[m][0][window] += ((Number) features.get("days_in_stage")).doubleValue();
				dayCounts[m][0][window]++;
				if (!DemoLakeSpec.regionStory(tenant, model)) {
					// Only the region story's predictions differ from the plain lake's.
					assertThat(prediction).isEqualTo(before.getDouble("prediction"));
				}
			}
		}
		for (int m = 0; m < 6; m++) {
			boolean regionStory = DemoLakeSpec.regionStory(m / 3, m % 3);
			boolean drifts = DemoLakeSpec.drifts(m / 3, m % 3);
			for (int r = 0; r < 3; r++) {
				// The logit is level + 0.8 z (+ 0.9 for a drifting model) (+ 0.55 in the
				// drifting region of the region story); the mean of 0.8 z over about
				// 1,500 records is within ±0.1 (more than 4 standard errors).
				double shift = mean(logits[m][r][1], counts[m][r][1]) - mean(logits[m][r][0], counts[m][r][0]);
				double expected = (drifts ? 0.9 : 0) + ((regionStory && r == 1) ? DemoRecords.REGION_SHIFT : 0);
				assertThat(shift).as("model %d region %s", m, DemoRecords.REGIONS[r]).isCloseTo(expected, offset(0.1));
			}
			// days_in_stage is 7 × a gamma(2): mean 14, sd 9.9, so the mean of 7,000
			// values is within 3 % of it; the feature story's current window has 1.7×.
			double ratio = mean(days[m][0][1], dayCounts[m][0][1]) / mean(days[m][0][0], dayCounts[m][0][0]);
			assertThat(ratio).as("model %d", m)
				.isCloseTo(DemoLakeSpec.featureStory(m / 3, m % 3) ? DemoRecords.FEATURE_FACTOR : 1.0, offset(0.06));
		}
	}

	private static double mean(double sum, long count) {
		return sum / count;
	}

	/** The lake's data files in path order. */
	private static List<Path> files(Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root.resolve(DemoLake.PREFIX))) {
			return files.filter(Files::isRegularFile).sorted().toList();
		}
	}

	@Test
	void theSameSpecWritesTheSameBytesWhateverTheThreads() throws IOException {
		for (DemoLakeSpec spec : Stream.of(DemoLakeSpec.Format.values())
			.flatMap((format) -> Stream.of(small(format), small(format).withSignals(10, 2, true)))
			.toList()) {
			Path one = this.dir.resolve(spec.hashCode() + "-1");
			Path many = this.dir.resolve(spec.hashCode() + "-4");
			DemoLake.write(one, spec, 1);
			DemoLake.write(many, spec, 4);
			try (Stream<Path> files = Files.walk(one.resolve(DemoLake.PREFIX))) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					Path other = many.resolve(one.relativize(file));
					assertThat(Files.readAllBytes(other)).as(file.toString()).isEqualTo(Files.readAllBytes(file));
				}
			}
		}
	}

}
