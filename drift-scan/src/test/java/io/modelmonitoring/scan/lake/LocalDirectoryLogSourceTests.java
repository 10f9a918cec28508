package io.modelmonitoring.scan.lake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.modelmonitoring.scan.model.ModelKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LocalDirectoryLogSourceTests {

	@TempDir
	Path lake;

	@Test
	void readsTheDaysOfBothWindowsByEachRecordsOwnTimestamp() {
		LakeFixture.writeTo(this.lake);

		LogScanResult result = new LocalDirectoryLogSource(this.lake, LakeFixture.PREFIX, 2)
			.scan(LakeFixture.T1_AND_T2);

		LakeFixture.assertT1AndT2(result);
	}

	@Test
	void tenantsNotAskedForAreNeitherSamplesNorInvalid() {
		LakeFixture.writeTo(this.lake);

		LogScanResult result = new LocalDirectoryLogSource(this.lake, LakeFixture.PREFIX, 2).scan(LakeFixture.T1);

		assertThat(result.samples()).containsOnlyKeys(new ModelKey("t1", "m1"), new ModelKey("t1", "m2"));
		// t2's null prediction is not counted: invalid #1 to #4 are.
		assertThat(result.invalidRecords()).isEqualTo(4);
		assertThat(result.filesRead()).isEqualTo(LakeFixture.FILES_READ);
	}

	@Test
	void noTenantsAskedForMeansEveryTenant() {
		LakeFixture.writeTo(this.lake);

		LogScanResult result = new LocalDirectoryLogSource(this.lake, LakeFixture.PREFIX, 2)
			.scan(LakeFixture.ALL_TENANTS);

		assertThat(result.samples()).containsKeys(new ModelKey("t1", "m1"), new ModelKey("t1", "m2"),
				new ModelKey("t2", "m1"), new ModelKey("t3", "m9"));
		LakeFixture.assertSamples(result, "t3", "m9", new double[] { 9.0 }, new double[0]);
		LakeFixture.assertSamples(result, "t1", "m1", new double[] { 0.25, 0.5, 0.125, 0.0625 },
				new double[] { 0.7, 0.875, 0.9, 0.3 });
	}

	@Test
	void daysOutsideBothWindowsAreNeverOpened() throws IOException {
		// Only the fixture's out-of-window days: a corrupt gzip and a record whose
		// timestamp is in the current window, both in days no window touches.
		for (String day : new String[] { "year=2026/month=10/day=24", "year=2026/month=11/day=14",
				"year=2026/month=09/day=22", "year=2026/month=11/day=23" }) {
			Path directory = Files.createDirectories(this.lake.resolve(LakeFixture.PREFIX).resolve(day));
			Files.write(directory.resolve("corrupt.jsonl.gz"), LakeFixture.text("this is not gzip"));
			Files.write(directory.resolve("misplaced.jsonl"), LakeFixture
				.text(InferenceLogParserTests.line("\"t1\"", "\"m1\"", "0.99", "\"2026-11-20T10:00:00Z\"")));
		}

		LogScanResult result = new LocalDirectoryLogSource(this.lake, LakeFixture.PREFIX, 2)
			.scan(LakeFixture.ALL_TENANTS);

		assertThat(result.samples()).isEmpty();
		assertThat(result.filesRead()).isZero();
		assertThat(result.unreadableFiles()).isZero();
		assertThat(result.invalidRecords()).isZero();
	}

	@Test
	void anEmptyLakeHasNothingToReport() {
		LogScanResult result = new LocalDirectoryLogSource(this.lake, LakeFixture.PREFIX, 2)
			.scan(LakeFixture.ALL_TENANTS);

		assertThat(result.samples()).isEmpty();
		assertThat(result.filesRead()).isZero();
	}

	@Test
	void anEmptyPrefixReadsPartitionsAtTheRoot() throws IOException {
		Path day = Files.createDirectories(this.lake.resolve("year=2026/month=11/day=20"));
		Files.write(day.resolve("part.jsonl"),
				LakeFixture.text(InferenceLogParserTests.line("\"t1\"", "\"m1\"", "0.5", "\"2026-11-20T10:00:00Z\"")));

		LogScanResult result = new LocalDirectoryLogSource(this.lake, "", 2).scan(LakeFixture.ALL_TENANTS);

		LakeFixture.assertSamples(result, "t1", "m1", new double[0], new double[] { 0.5 });
	}

	@Test
	void aLakeDirectoryGoneAfterStartUpMakesTheLakeUnavailable() {
		Path gone = this.lake.resolve("gone");

		assertThatExceptionOfType(LakeUnavailableException.class)
			.isThrownBy(() -> new LocalDirectoryLogSource(gone, LakeFixture.PREFIX, 2).scan(LakeFixture.ALL_TENANTS))
			.withMessageContaining(gone.toString())
			.withMessageContaining("data_lake.local_path");
	}

}
