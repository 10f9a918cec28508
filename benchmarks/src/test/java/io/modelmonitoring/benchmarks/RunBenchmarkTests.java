package io.modelmonitoring.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The run benchmark end to end on a small lake: DuckDB in its child JVM, ml-service from
 * its jar against the embedded MongoDB and broker. The real benchmark is run by hand.
 */
class RunBenchmarkTests {

	/** The repository root, where ml-service's jar was built (the pom sets it). */
	private static final Path PROJECT_ROOT = Path.of(System.getProperty("project.root", ".."));

	@TempDir
	Path dir;

	@Test
	void duckDbAndTheWholeRunFindTheSameCountsBinsAndPsiAndTheTablePrints() throws Exception {
		assertThat(PROJECT_ROOT.resolve(RunBenchmark.JAR))
			.as("ml-service's jar; build it first: ./mvnw -B -ntp -pl benchmarks -am package -DskipTests")
			.isRegularFile();
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		RunBenchmark.Result result = RunBenchmark.run(Map.of("records", "50000", "tenants", "4", "runs", "2", "dir",
				this.dir.toString(), "project-dir", PROJECT_ROOT.toString()),
				new PrintStream(printed, true, StandardCharsets.UTF_8));

		String output = printed.toString(StandardCharsets.UTF_8);
		assertThat(result.duckDb().seconds()).hasSize(2).allSatisfy((seconds) -> assertThat(seconds).isPositive());
		assertThat(result.mlService()).hasSize(2);
		// 4 tenants × 5 models, every one with predictions in both windows.
		assertThat(result.agreements()).hasSize(2).allSatisfy((agreement) -> {
			assertThat(agreement.countsAgree()).isTrue();
			assertThat(agreement.models()).isEqualTo(20);
			assertThat(agreement.countsEqual()).isEqualTo(20);
			assertThat(agreement.binsEqual()).isEqualTo(20);
			assertThat(agreement.psiCompared()).isEqualTo(20);
			assertThat(agreement.maxPsiDifference()).isLessThan(1e-9);
		});
		assertThat(result.countsAgree()).isTrue();
		assertThat(output).contains("floor : cat", "| DuckDB v1.5",
				"| ml-service (jar, POST to the whole answer read) |", "ml-service best / DuckDB best:",
				"ml-service first / DuckDB first:", "20 of 20 models equal", "counts agree");
	}

	@Test
	void badOptionsAreRefusedBeforeAnythingStarts() {
		PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

		assertThatIllegalArgumentException().isThrownBy(() -> RunBenchmark.run(Map.of("run", "2"), out))
			.withMessage("unknown option(s) --run");
		assertThatIllegalArgumentException().isThrownBy(() -> RunBenchmark.run(Map.of("runs", "0"), out))
			.withMessage("--runs takes a whole number of at least 1, not '0'");
		assertThatIllegalArgumentException().isThrownBy(() -> RunBenchmark.run(Map.of("bins", "1"), out))
			.withMessage("--bins takes at least 2, not 1");
	}

}
