package io.modelmonitoring.benchmarks;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.modelmonitoring.benchmarks.SimulatedModel.Outcome;
import io.modelmonitoring.benchmarks.SimulatedModel.Scenario;

/**
 * How often a model with many drift checks (the prediction, the prediction per segment
 * value, every feature: {@link SimulatedModel}) alerts somewhere, with the gate on each
 * check's raw p-value and with it on the Benjamini–Hochberg q-values over the model's
 * checks; and, for a model with one drifted check, how often that check still alerts.
 * Every model draws from a {@link SplittableRandom} seeded from (seed, size, scenario,
 * model index), so results depend neither on the threads nor on the sizes selected. Run
 * by hand: {@code java -cp benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar
 * io.modelmonitoring.benchmarks.ManyChecksStatistics --help}.
 */
public final class ManyChecksStatistics {

	static final String USAGE = """
			usage: java -cp benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar io.modelmonitoring.benchmarks.ManyChecksStatistics [options]
			  --models N          healthy models a size (default 1000)
			  --drifted-models N  models a size for each drift (default 100)
			  --seed S            the seed every model's random stream derives from (default 1)
			  --threads T         threads that simulate models (default: every processor)
			  --sizes LIST        comma-separated records a window per model, each at least 30
			                      (default: 600,3000,20000)
			  --help              this text""";

	private ManyChecksStatistics() {
	}

	public static void main(String[] args) throws InterruptedException {
		if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
			System.out.println(USAGE);
			return;
		}
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		run(options, new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
	}

	/** Simulates every cell, prints the table and returns the tallies in table order. */
	static Map<Cell, Tally> run(Options options, PrintStream out) throws InterruptedException {
		long start = System.nanoTime();
		Map<Cell, List<Future<Outcome>>> futures = new LinkedHashMap<>();
		ExecutorService pool = Executors.newFixedThreadPool(options.threads());
		try {
			// The largest windows first, so that no costly model starts last and runs
			// alone.
			List<Integer> bySize = options.sizes().stream().sorted((a, b) -> Integer.compare(b, a)).toList();
			for (int size : bySize) {
				for (Scenario scenario : Scenario.values()) {
					int models = (scenario == Scenario.HEALTHY) ? options.models() : options.driftedModels();
					Cell cell = new Cell(size, scenario);
					List<Future<Outcome>> outcomes = new ArrayList<>();
					for (int model = 0; model < models; model++) {
						SplittableRandom random = new SplittableRandom(modelSeed(options.seed(), cell, model));
						outcomes.add(pool.submit(() -> SimulatedModel.simulate(scenario, size, size, random,
								DriftStatistics.SERVICE_DEFAULTS)));
					}
					futures.put(cell, outcomes);
				}
			}
			Map<Cell, Tally> tallies = new LinkedHashMap<>();
			for (int size : options.sizes()) {
				for (Scenario scenario : Scenario.values()) {
					Cell cell = new Cell(size, scenario);
					Tally tally = Tally.NONE;
					for (Future<Outcome> outcome : futures.get(cell)) {
						tally = tally.plus(outcome.get());
					}
					tallies.put(cell, tally);
				}
			}
			out.print(report(options, tallies, (System.nanoTime() - start) / 1e9));
			return tallies;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("a simulated model failed", ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	static long modelSeed(long seed, Cell cell, int model) {
		long h = mix(seed);
		h = mix(h ^ cell.size());
		h = mix(h ^ cell.scenario().name().hashCode());
		return mix(h ^ model);
	}

	private static long mix(long value) {
		long z = value + 0x9e3779b97f4a7c15L;
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

	static String report(Options options, Map<Cell, Tally> tallies, double seconds) {
		StringBuilder report = new StringBuilder();
		report.append(String.format(Locale.ROOT,
				"## Many checks a model: %d healthy and %d drifted models a size, seed %d%n%n", options.models(),
				options.driftedModels(), options.seed()));
		report
			.append("A check alerts when PSI > 0.2 and its p-value (raw) or its Benjamini-Hochberg q-value over the "
					+ "model's checks (BH) is under 0.01. Shares in % of models, ± one standard error.")
			.append(System.lineSeparator())
			.append(System.lineSeparator());
		report
			.append("| records a window | model | checks a model (segments skipped) | models | any alert: raw | "
					+ "any alert: BH | drifted check alerts: raw | drifted check alerts: BH |")
			.append(System.lineSeparator())
			.append("|--:|---|--:|--:|--:|--:|--:|--:|")
			.append(System.lineSeparator());
		for (Map.Entry<Cell, Tally> entry : tallies.entrySet()) {
			Cell cell = entry.getKey();
			Tally tally = entry.getValue();
			boolean healthy = cell.scenario() == Scenario.HEALTHY;
			report.append(String.format(Locale.ROOT, "| %d | %s | %.1f (%.1f) | %d | %s | %s | %s | %s |%n",
					cell.size(), cell.scenario().label(), (double) tally.checks() / tally.models(),
					(double) tally.skippedSegments() / tally.models(), tally.models(),
					withError(tally.rawAlerts(), tally.models()), withError(tally.bhAlerts(), tally.models()),
					healthy ? "–" : withError(tally.shiftedRawAlerts(), tally.models()),
					healthy ? "–" : withError(tally.shiftedBhAlerts(), tally.models())));
		}
		report.append(String.format(Locale.ROOT, "%nelapsed: %.1f s on %d threads (%d processors)%n", seconds,
				options.threads(), Runtime.getRuntime().availableProcessors()));
		return report.toString();
	}

	/** The share and its binomial standard error, in %. */
	static String withError(int count, int total) {
		double p = (double) count / total;
		return String.format(Locale.ROOT, "%.1f ± %.1f", 100 * p, 100 * Math.sqrt(p * (1 - p) / total));
	}

	/** One size and scenario. */
	record Cell(int size, Scenario scenario) {

	}

	/** What the models of one cell gave. */
	record Tally(int models, long checks, long skippedSegments, int rawAlerts, int bhAlerts, int shiftedRawAlerts,
			int shiftedBhAlerts) {

		static final Tally NONE = new Tally(0, 0, 0, 0, 0, 0, 0);

		Tally plus(Outcome outcome) {
			return new Tally(this.models + 1, this.checks + outcome.checks(),
					this.skippedSegments + outcome.skippedSegments(), this.rawAlerts + (outcome.rawAlert() ? 1 : 0),
					this.bhAlerts + (outcome.bhAlert() ? 1 : 0),
					this.shiftedRawAlerts + (outcome.shiftedRawAlert() ? 1 : 0),
					this.shiftedBhAlerts + (outcome.shiftedBhAlert() ? 1 : 0));
		}

	}

	/** What the command line asks for. */
	record Options(int models, int driftedModels, long seed, int threads, List<Integer> sizes) {

		Options {
			if (models < 1 || driftedModels < 1 || threads < 1) {
				throw new IllegalArgumentException("--models, --drifted-models and --threads: at least 1 each");
			}
			for (int size : sizes) {
				if (size < DriftStatistics.SERVICE_DEFAULTS.minSamples()) {
					throw new IllegalArgumentException("--sizes: " + size + " is below the service's "
							+ DriftStatistics.SERVICE_DEFAULTS.minSamples() + " samples a window");
				}
			}
			if (sizes.isEmpty()) {
				throw new IllegalArgumentException("--sizes: at least one");
			}
			sizes = List.copyOf(sizes);
		}

		static Options parse(String... args) {
			Options options = new Options(1000, 100, 1, Runtime.getRuntime().availableProcessors(),
					List.of(600, 3000, 20000));
			for (int i = 0; i < args.length; i += 2) {
				String flag = args[i];
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException(flag + ": needs a value");
				}
				String value = args[i + 1];
				options = switch (flag) {
					case "--models" -> new Options((int) number(flag, value), options.driftedModels, options.seed,
							options.threads, options.sizes);
					case "--drifted-models" -> new Options(options.models, (int) number(flag, value), options.seed,
							options.threads, options.sizes);
					case "--seed" -> new Options(options.models, options.driftedModels, number(flag, value),
							options.threads, options.sizes);
					case "--threads" -> new Options(options.models, options.driftedModels, options.seed,
							(int) number(flag, value), options.sizes);
					case "--sizes" -> new Options(options.models, options.driftedModels, options.seed, options.threads,
							Arrays.stream(value.split(","))
								.map(String::trim)
								.filter((part) -> !part.isEmpty())
								.map((part) -> (int) number(flag, part))
								.distinct()
								.toList());
					default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
				};
			}
			return options;
		}

		private static long number(String flag, String value) {
			try {
				return Math.min(Integer.MAX_VALUE, Long.parseLong(value.trim()));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(flag + ": expected a whole number, got '" + value + "'");
			}
		}

	}

}
