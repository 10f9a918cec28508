package io.modelmonitoring.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.modelmonitoring.benchmarks.DriftStatistics.Cell;
import io.modelmonitoring.benchmarks.DriftStatistics.CellResult;
import io.modelmonitoring.benchmarks.DriftStatistics.Options;
import io.modelmonitoring.benchmarks.DriftStatistics.SampleSize;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A tiny grid through the harness: the real run is made by hand. Nothing here depends on
 * how the drift package computes its p-value.
 */
class DriftStatisticsTests {

	private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

	@Test
	void aTinyGridPrintsOneRowPerFamilyAndSizeAndTheCollapseRows() throws InterruptedException {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		Options options = Options.parse("--pairs", "2", "--threads", "2", "--sizes", "30/30,100/30");

		List<CellResult> results = DriftStatistics.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8),
				SILENT);

		String output = printed.toString(StandardCharsets.UTF_8);
		// 5 families x 2 sizes x 5 shifts, and the point-mass collapse at each size.
		assertThat(results).hasSize(52).allSatisfy((result) -> assertThat(result.tally().pairs()).isEqualTo(2));
		for (PredictionFamily family : PredictionFamily.values()) {
			assertThat(output).contains("| " + family.label() + " | 30 / 30 | ",
					"| " + family.label() + " | 100 / 30 | ");
		}
		assertThat(output).contains(
				"| false alarm: gate | PSI > 0.2 alone | p ≤ 0.01 | p ≤ 0.05 | KS | 0.25σ: gate / KS | 0.5σ: gate / KS |",
				"Collapse: every current prediction 0.5", "| DriftDetector ms | KS ms |", "elapsed: ");
		assertThat(output.lines().filter((line) -> line.startsWith("| 30 / 30 |"))).hasSize(2);
		assertThat(output.lines().filter((line) -> line.startsWith("| "))).hasSize(1 + 10 + 1 + 2 + 1 + 2);
	}

	@Test
	void aPairDrawsTheSameSamplesWhateverTheThreadsAndTheCellsSelected() throws InterruptedException {
		List<CellResult> all = DriftStatistics.run(Options.parse("--pairs", "6", "--threads", "1", "--sizes", "30/30"),
				SILENT, SILENT);
		List<CellResult> betaOnly = DriftStatistics.run(
				Options.parse("--pairs", "6", "--threads", "3", "--sizes", "100/30,30/30", "--families", "beta"),
				SILENT, SILENT);

		assertThat(samplingCounts(betaOnly)).containsAllEntriesOf(samplingCounts(all).entrySet()
			.stream()
			.filter((entry) -> entry.getKey().family() == PredictionFamily.BETA)
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
		// Healthy at 30 + 30, PSI > 0.2 alone alarms on most pairs (SPEC §6: 92 %).
		assertThat(samplingCounts(all).get(new Cell(PredictionFamily.BETA, new SampleSize(30, 30), Scenario.HEALTHY)))
			.startsWith(6)
			.satisfies((counts) -> assertThat(counts.get(1)).isGreaterThan(3));
	}

	@Test
	void optionsNameTheFlagTheyReject() {
		Options options = Options.parse("--pairs", "7", "--seed", "3", "--families", "point-mass,beta", "--sizes",
				"20000/30");
		assertThat(options.pairs()).isEqualTo(7);
		assertThat(options.seed()).isEqualTo(3);
		assertThat(options.families()).containsExactly(PredictionFamily.POINT_MASS, PredictionFamily.BETA);
		assertThat(options.sizes()).containsExactly(new SampleSize(20000, 30));
		assertThat(Options.parse().sizes()).extracting(SampleSize::label)
			.containsExactly("30 / 30", "100 / 30", "400 / 100", "2000 / 500", "20000 / 2000", "20000 / 30");

		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--families", "gamma"))
			.withMessageStartingWith("--families: unknown family 'gamma'");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--sizes", "29/30"))
			.withMessageStartingWith("--sizes: 29/30 is below");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--sizes", "400"))
			.withMessageStartingWith("--sizes: expected baseline/current");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--pairs", "many"))
			.withMessageStartingWith("--pairs: expected a whole number");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--pairs"))
			.withMessage("--pairs: needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--bins", "5"))
			.withMessage("unknown option '--bins'");
	}

	/**
	 * Per cell: pairs, PSI > 0.2 alone and KS, the counts that do not involve the
	 * p-value.
	 */
	private static Map<Cell, List<Integer>> samplingCounts(List<CellResult> results) {
		return results.stream()
			.collect(Collectors.toMap(CellResult::cell,
					(result) -> List.of(result.tally().pairs(), result.tally().psiAlone(), result.tally().ks())));
	}

}
