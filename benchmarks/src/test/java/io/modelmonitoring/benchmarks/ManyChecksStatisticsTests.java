package io.modelmonitoring.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.modelmonitoring.benchmarks.ManyChecksStatistics.Cell;
import io.modelmonitoring.benchmarks.ManyChecksStatistics.Options;
import io.modelmonitoring.benchmarks.ManyChecksStatistics.Tally;
import io.modelmonitoring.benchmarks.SimulatedModel.Scenario;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A few cells of the many-checks table at small sizes with fixed seeds; the real run is
 * made by hand.
 */
class ManyChecksStatisticsTests {

	private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

	/**
	 * 200 healthy models of about 30 checks at 600 records a window. With BH the share of
	 * models with any alert stays within 0.01 plus three standard errors
	 * (√(0.01·0.99/200) = 0.7 %: at most 6 of 200); on raw p-values about one model in
	 * ten alerts.
	 */
	@Test
	void withNoDriftTheBhGateKeepsAModelsAlertsNearOnePercentWhereTheRawGateDoesNot() throws InterruptedException {
		Map<Cell, Tally> tallies = ManyChecksStatistics
			.run(Options.parse("--models", "150", "--drifted-models", "1", "--sizes", "600", "--seed", "7"), SILENT);

		Tally healthy = tallies.get(new Cell(600, Scenario.HEALTHY));
		assertThat(healthy.models()).isEqualTo(150);
		assertThat(healthy.checks()).as("checks of 150 models").isBetween(150L * 25, 150L * 35);
		assertThat(healthy.bhAlerts()).as("models alerting with BH, of 150").isLessThanOrEqualTo(5);
		assertThat(healthy.rawAlerts()).as("models alerting on raw p-values, of 150").isGreaterThanOrEqualTo(5);
	}

	/**
	 * One drifted check among 39 at 3000 records a window: a numeric feature's check has
	 * both windows above 1,000 and a χ² p-value far below 0.01/39, so BH keeps it.
	 */
	@Test
	void aDriftedFeatureIsStillCaughtWithBh() throws InterruptedException {
		Map<Cell, Tally> tallies = ManyChecksStatistics
			.run(Options.parse("--models", "1", "--drifted-models", "8", "--sizes", "3000", "--seed", "7"), SILENT);

		for (Scenario scenario : new Scenario[] { Scenario.NUMERIC, Scenario.CATEGORY }) {
			Tally drifted = tallies.get(new Cell(3000, scenario));
			assertThat(drifted.shiftedRawAlerts()).as("%s: raw, of 8", scenario).isEqualTo(8);
			assertThat(drifted.shiftedBhAlerts()).as("%s: BH, of 8", scenario).isEqualTo(8);
		}
	}

	/**
	 * The same at 600 records a window, where every check's p-value comes from the
	 * permutation test: only its third stage (a floor of 1/10,000) lets one drifted check
	 * among 30 through BH; with the floor at 1/1,000 none was caught.
	 */
	@Test
	void aDriftedFeatureOnSmallWindowsIsCaughtWithBhThanksToTheThirdStage() throws InterruptedException {
		Map<Cell, Tally> tallies = ManyChecksStatistics
			.run(Options.parse("--models", "1", "--drifted-models", "6", "--sizes", "600", "--seed", "7"), SILENT);

		for (Scenario scenario : new Scenario[] { Scenario.NUMERIC, Scenario.CATEGORY }) {
			Tally drifted = tallies.get(new Cell(600, scenario));
			assertThat(drifted.shiftedBhAlerts()).as("%s: BH, of 6", scenario).isGreaterThanOrEqualTo(5);
		}
	}

	@Test
	void aModelDrawsTheSameWhateverTheThreadsAndPrintsOneRowACell() throws InterruptedException {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		Map<Cell, Tally> one = ManyChecksStatistics.run(
				Options.parse("--models", "6", "--drifted-models", "3", "--sizes", "600", "--threads", "1"),
				new PrintStream(printed, true, StandardCharsets.UTF_8));
		Map<Cell, Tally> three = ManyChecksStatistics
			.run(Options.parse("--models", "6", "--drifted-models", "3", "--sizes", "600", "--threads", "3"), SILENT);

		assertThat(three).isEqualTo(one);
		String output = printed.toString(StandardCharsets.UTF_8);
		assertThat(output).contains("| any alert: raw | any alert: BH |", "| 600 | no drift | ", "elapsed: ");
		assertThat(output.lines().filter((line) -> line.startsWith("| 600 |"))).hasSize(Scenario.values().length);
	}

	@Test
	void optionsNameTheFlagTheyReject() {
		Options options = Options.parse("--models", "7", "--drifted-models", "2", "--seed", "3", "--sizes", "40,600");
		assertThat(options.models()).isEqualTo(7);
		assertThat(options.driftedModels()).isEqualTo(2);
		assertThat(options.sizes()).containsExactly(40, 600);
		assertThat(Options.parse().sizes()).containsExactly(600, 3000, 20000);

		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--sizes", "29"))
			.withMessageStartingWith("--sizes: 29 is below");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--models", "many"))
			.withMessageStartingWith("--models: expected a whole number");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--models"))
			.withMessage("--models: needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--bins", "5"))
			.withMessage("unknown option '--bins'");
	}

}
