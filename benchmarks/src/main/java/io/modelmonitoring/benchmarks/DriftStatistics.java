package io.modelmonitoring.benchmarks;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.scan.drift.DriftDetector;
import io.modelmonitoring.scan.drift.DriftSettings;
import io.modelmonitoring.scan.model.DoubleSamples;
import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.WindowSamples;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * How often the service's drift rule alarms on healthy models, and how often it sees a
 * drift, measured on simulated (tenant, model) pairs.
 * <p>
 * A cell is a family of predictions ({@link PredictionFamily}: how values are drawn, and
 * what a drift of k σ means for each), a size (n baseline and m current predictions) and
 * a {@link Scenario}. Every pair of a cell draws its baseline from the healthy family and
 * its current window from the scenario, from a {@link SplittableRandom} of its own seeded
 * from (seed, family, size, scenario, pair index), so results depend neither on the
 * threads nor on which cells were selected. The pair then goes through
 * {@link DriftDetector#evaluate} with the service's defaults, the very decision a run
 * makes; the table counts
 * <ul>
 * <li>the gate: {@link DriftCheck#drift()}, PSI &gt; 0.2 and p-value &lt; 0.01;</li>
 * <li>PSI &gt; 0.2 alone (the runbook's literal rule) and, on healthy pairs, how often
 * the p-value is at most 0.01 and 0.05 (a calibrated p-value keeps them at or under 1 %
 * and 5 %);</li>
 * <li>the comparison: commons-math3's two-sample Kolmogorov–Smirnov test at 0.01 on the
 * same samples. Below n·m = 10 000 it is exact (a lattice-path count) after breaking ties
 * by a jitter of fixed seed smaller than half the smallest gap; from 10 000 up it takes
 * the asymptotic Kolmogorov distribution with no correction for ties, which is
 * conservative on discrete data (and on 20 000 + 30 continuous values: 0.4 % of healthy
 * pairs below 0.01 in 4 000). The harness asks for P(D ≥ d), {@code strict = false}: the
 * two-argument {@code kolmogorovSmirnovTest(x, y)} returns P(D &gt; d), which leaves out
 * the observed D and alarms on 1.6 % of healthy 30 + 30 pairs at 0.01 (P(D ≥ 12/30) =
 * 0.0156, the smallest D whose P(D &gt; d) is below 0.01; 1.59 % in 20 000 pairs).</li>
 * </ul>
 * Rates are shares of pairs, the false alarm of the gate with its Wilson 95 % interval.
 * Run by hand, never by the test command: {@code java -cp
 * benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar
 * io.modelmonitoring.benchmarks.DriftStatistics --help}.
 */
public final class DriftStatistics {

	/**
	 * The service's defaults: min samples, bins, smoothing, PSI threshold, max p-value.
	 */
	static final DriftSettings SERVICE_DEFAULTS = new DriftSettings(30, 10, 0.5, 0.2, 0.01);

	static final double KS_LEVEL = 0.01;

	static final List<SampleSize> DEFAULT_SIZES = List.of(new SampleSize(30, 30), new SampleSize(100, 30),
			new SampleSize(400, 100), new SampleSize(2000, 500), new SampleSize(20000, 2000),
			new SampleSize(20000, 30));

	/**
	 * Pairs one task simulates: small enough to share the largest cells among threads.
	 */
	private static final int PAIRS_PER_TASK = 25;

	private static final List<Scenario> SHIFTS = List.of(Scenario.SHIFT_QUARTER, Scenario.SHIFT_HALF,
			Scenario.SHIFT_THREE_QUARTERS, Scenario.SHIFT_ONE);

	static final String USAGE = """
			usage: java -cp benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar io.modelmonitoring.benchmarks.DriftStatistics [options]
			  --pairs N        simulated (tenant, model) pairs a cell (default 500)
			  --seed S         the seed every pair's random stream derives from (default 1)
			  --threads T      threads that simulate pairs (default: every processor)
			  --families LIST  comma-separated, from beta,normal,lognormal,three-valued,point-mass (default: all)
			  --sizes LIST     comma-separated baseline/current sizes, each at least 30
			                   (default: 30/30,100/30,400/100,2000/500,20000/2000,20000/30)
			  --help           this text""";

	private DriftStatistics() {
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
		// The tables name σ and ≤: UTF-8 whatever the platform's default.
		run(options, new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8),
				System.err);
	}

	/**
	 * Simulates every selected cell, prints the tables to {@code out} and progress to
	 * {@code progress}, and returns the cells in table order.
	 */
	static List<CellResult> run(Options options, PrintStream out, PrintStream progress) throws InterruptedException {
		long start = System.nanoTime();
		List<Cell> cells = cells(options);
		List<Task> tasks = new ArrayList<>();
		for (Cell cell : cells) {
			for (int from = 0; from < options.pairs(); from += PAIRS_PER_TASK) {
				tasks.add(new Task(cell, from, Math.min(options.pairs(), from + PAIRS_PER_TASK)));
			}
		}
		// The costliest first, so that no large cell starts last and runs alone.
		List<Task> byCost = tasks.stream()
			.sorted(Comparator.comparingLong((Task task) -> task.cell().size().total()).reversed())
			.toList();
		AtomicInteger done = new AtomicInteger();
		Map<Task, Future<Tally>> futures = new LinkedHashMap<>();
		ExecutorService pool = Executors.newFixedThreadPool(options.threads());
		try {
			for (Task task : byCost) {
				futures.put(task, pool.submit(() -> {
					Tally tally = simulate(task.cell(), task.fromPair(), task.toPair(), options.seed());
					int finished = done.incrementAndGet();
					if (finished * 10 / tasks.size() != (finished - 1) * 10 / tasks.size()) {
						progress.printf("%d %% of pairs simulated%n", finished * 100 / tasks.size());
					}
					return tally;
				}));
			}
			Map<Cell, Tally> tallies = new LinkedHashMap<>();
			cells.forEach((cell) -> tallies.put(cell, Tally.NONE));
			for (Task task : tasks) {
				tallies.merge(task.cell(), futures.get(task).get(), Tally::plus);
			}
			List<CellResult> results = tallies.entrySet()
				.stream()
				.map((entry) -> new CellResult(entry.getKey(), entry.getValue()))
				.toList();
			out.print(report(options, results, Duration.ofNanos(System.nanoTime() - start)));
			return results;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("a simulated pair failed", ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	static List<Cell> cells(Options options) {
		List<Cell> cells = new ArrayList<>();
		for (PredictionFamily family : options.families()) {
			for (SampleSize size : options.sizes()) {
				for (Scenario scenario : Scenario.values()) {
					if (scenario.appliesTo(family)) {
						cells.add(new Cell(family, size, scenario));
					}
				}
			}
		}
		return cells;
	}

	/** Pairs {@code fromPair} (inclusive) to {@code toPair} (exclusive) of one cell. */
	static Tally simulate(Cell cell, int fromPair, int toPair, long seed) {
		KolmogorovSmirnovTest kolmogorovSmirnov = new KolmogorovSmirnovTest();
		Tally tally = Tally.NONE;
		for (int pair = fromPair; pair < toPair; pair++) {
			SplittableRandom random = new SplittableRandom(pairSeed(seed, cell, pair));
			double[] baseline = cell.family().draw(random, cell.size().baseline(), 0);
			double[] current = cell.scenario().current(cell.family(), random, cell.size().current());
			ModelKey model = new ModelKey("simulated", cell.family().option() + "-" + cell.size().baseline() + "-"
					+ cell.size().current() + "-" + cell.scenario().name() + "-" + pair);
			long started = System.nanoTime();
			DriftCheck check = DriftDetector
				.evaluate(Map.of(model, new WindowSamples(samples(baseline), samples(current))), SERVICE_DEFAULTS)
				.get(0);
			long checked = System.nanoTime();
			double ksPValue = kolmogorovSmirnov.kolmogorovSmirnovTest(baseline, current, false);
			long tested = System.nanoTime();
			if (check.skipped()) {
				throw new IllegalStateException("the detector skipped " + model + ": n = " + check.baselineCount()
						+ ", m = " + check.currentCount());
			}
			double pValue = check.psi().pValue();
			tally = tally.plus(new Tally(1, check.drift() ? 1 : 0,
					(check.psi().psi() > SERVICE_DEFAULTS.threshold()) ? 1 : 0, (pValue <= 0.01) ? 1 : 0,
					(pValue <= 0.05) ? 1 : 0, (ksPValue < KS_LEVEL) ? 1 : 0, checked - started, tested - checked));
		}
		return tally;
	}

	/**
	 * A stream seed of its own for every (seed, cell, pair): SplitMix64 over the parts.
	 */
	static long pairSeed(long seed, Cell cell, int pair) {
		long h = mix(seed);
		h = mix(h ^ cell.family().option().hashCode());
		h = mix(h ^ cell.size().baseline());
		h = mix(h ^ cell.size().current());
		h = mix(h ^ cell.scenario().name().hashCode());
		return mix(h ^ pair);
	}

	private static long mix(long value) {
		long z = value + 0x9e3779b97f4a7c15L;
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

	private static DoubleSamples samples(double[] values) {
		DoubleSamples samples = new DoubleSamples(values.length);
		for (double value : values) {
			samples.add(value);
		}
		return samples;
	}

	static String report(Options options, List<CellResult> results, Duration elapsed) {
		Map<Cell, Tally> byCell = new LinkedHashMap<>();
		results.forEach((result) -> byCell.put(result.cell(), result.tally()));
		StringBuilder report = new StringBuilder();
		report.append(String.format(Locale.ROOT, "## Drift statistics: %d pairs a cell, seed %d%n%n", options.pairs(),
				options.seed()));
		report.append(String.format(Locale.ROOT,
				"Each pair goes through DriftDetector.evaluate with the service's defaults (min %d samples, %d bins, "
						+ "smoothing %s): the gate is PSI > %s and p-value < %s. KS: two-sample Kolmogorov-Smirnov "
						+ "(commons-math3) at %s on the same samples. Rates in %% of pairs; [a, b]: Wilson 95 %% "
						+ "interval.%n%n",
				SERVICE_DEFAULTS.minSamples(), SERVICE_DEFAULTS.bins(), SERVICE_DEFAULTS.smoothing(),
				SERVICE_DEFAULTS.threshold(), SERVICE_DEFAULTS.maxPValue(), KS_LEVEL));
		report.append("| family | n / m | false alarm: gate | PSI > 0.2 alone | p ≤ 0.01 | p ≤ 0.05 | KS |");
		SHIFTS.forEach((shift) -> report.append(' ').append(shift.label()).append(": gate / KS |"));
		report.append(System.lineSeparator()).append("|---|---|---|--:|--:|--:|--:|");
		SHIFTS.forEach((shift) -> report.append("--:|"));
		report.append(System.lineSeparator());
		for (PredictionFamily family : options.families()) {
			for (SampleSize size : options.sizes()) {
				Tally healthy = byCell.get(new Cell(family, size, Scenario.HEALTHY));
				report.append("| ")
					.append(family.label())
					.append(" | ")
					.append(size.label())
					.append(" | ")
					.append(withInterval(healthy.gate(), healthy.pairs()))
					.append(" | ")
					.append(percent(healthy.psiAlone(), healthy.pairs()))
					.append(" | ")
					.append(percent(healthy.pAtOnePercent(), healthy.pairs()))
					.append(" | ")
					.append(percent(healthy.pAtFivePercent(), healthy.pairs()))
					.append(" | ")
					.append(percent(healthy.ks(), healthy.pairs()))
					.append(" |");
				for (Scenario shift : SHIFTS) {
					Tally drifted = byCell.get(new Cell(family, size, shift));
					report.append(' ')
						.append(percent(drifted.gate(), drifted.pairs()))
						.append(" / ")
						.append(percent(drifted.ks(), drifted.pairs()))
						.append(" |");
				}
				report.append(System.lineSeparator());
			}
		}
		if (options.families().contains(PredictionFamily.POINT_MASS)) {
			report.append(String.format(Locale.ROOT, "%nCollapse: every current prediction %s, baseline %s.%n%n",
					Scenario.COLLAPSED_PREDICTION, PredictionFamily.POINT_MASS.label()));
			report.append("| n / m | drift: gate | PSI > 0.2 alone | KS |")
				.append(System.lineSeparator())
				.append("|---|--:|--:|--:|")
				.append(System.lineSeparator());
			for (SampleSize size : options.sizes()) {
				Tally collapse = byCell.get(new Cell(PredictionFamily.POINT_MASS, size, Scenario.COLLAPSE));
				report.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", size.label(),
						percent(collapse.gate(), collapse.pairs()), percent(collapse.psiAlone(), collapse.pairs()),
						percent(collapse.ks(), collapse.pairs())));
			}
		}
		report
			.append(String.format(Locale.ROOT, "%nTime a pair (one thread's wall clock, all cells of the size).%n%n"));
		report.append("| n / m | DriftDetector ms | KS ms |")
			.append(System.lineSeparator())
			.append("|---|--:|--:|")
			.append(System.lineSeparator());
		for (SampleSize size : options.sizes()) {
			Tally all = byCell.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().size().equals(size))
				.map(Map.Entry::getValue)
				.reduce(Tally.NONE, Tally::plus);
			report.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f |%n", size.label(),
					all.detectorNanos() / 1e6 / all.pairs(), all.ksNanos() / 1e6 / all.pairs()));
		}
		report.append(String.format(Locale.ROOT, "%nelapsed: %.1f s on %d threads (%d processors)%n",
				elapsed.toMillis() / 1000.0, options.threads(), Runtime.getRuntime().availableProcessors()));
		return report.toString();
	}

	static String percent(int count, int total) {
		return String.format(Locale.ROOT, "%.1f", 100.0 * count / total);
	}

	/** The share and its Wilson score 95 % interval, in %. */
	static String withInterval(int count, int total) {
		double z = 1.959964;
		double p = (double) count / total;
		double z2n = z * z / total;
		double centre = (p + z2n / 2) / (1 + z2n);
		double half = z * Math.sqrt(p * (1 - p) / total + z2n / (4 * total)) / (1 + z2n);
		return String.format(Locale.ROOT, "%.1f [%.1f, %.1f]", 100 * p, 100 * Math.max(0, centre - half),
				100 * Math.min(1, centre + half));
	}

	/** n baseline and m current predictions. */
	record SampleSize(int baseline, int current) {

		SampleSize {
			if (baseline < SERVICE_DEFAULTS.minSamples() || current < SERVICE_DEFAULTS.minSamples()) {
				throw new IllegalArgumentException("--sizes: " + baseline + "/" + current + " is below the service's "
						+ SERVICE_DEFAULTS.minSamples() + " samples a window, which it would skip");
			}
		}

		static SampleSize of(String text) {
			String[] parts = text.split("/", -1);
			try {
				if (parts.length == 2) {
					return new SampleSize(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw new IllegalArgumentException(
					"--sizes: expected baseline/current such as 400/100, got '" + text + "'");
		}

		long total() {
			return (long) this.baseline + this.current;
		}

		String label() {
			return this.baseline + " / " + this.current;
		}

	}

	/** What the command line asks for. */
	record Options(int pairs, long seed, int threads, List<PredictionFamily> families, List<SampleSize> sizes) {

		Options {
			if (pairs < 1) {
				throw new IllegalArgumentException("--pairs: at least 1, got " + pairs);
			}
			if (threads < 1) {
				throw new IllegalArgumentException("--threads: at least 1, got " + threads);
			}
			if (families.isEmpty() || sizes.isEmpty()) {
				throw new IllegalArgumentException("--families and --sizes: at least one each");
			}
			families = List.copyOf(families);
			sizes = List.copyOf(sizes);
		}

		static Options defaults() {
			return new Options(500, 1, Runtime.getRuntime().availableProcessors(), List.of(PredictionFamily.values()),
					DEFAULT_SIZES);
		}

		static Options parse(String... args) {
			Options options = defaults();
			for (int i = 0; i < args.length; i += 2) {
				String flag = args[i];
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException(flag + ": needs a value");
				}
				String value = args[i + 1];
				options = switch (flag) {
					case "--pairs" -> new Options(integer(flag, value), options.seed, options.threads, options.families,
							options.sizes);
					case "--seed" -> new Options(options.pairs, longInteger(flag, value), options.threads,
							options.families, options.sizes);
					case "--threads" ->
						new Options(options.pairs, options.seed, integer(flag, value), options.families, options.sizes);
					case "--families" -> new Options(options.pairs, options.seed, options.threads,
							list(value).stream().map(PredictionFamily::of).distinct().toList(), options.sizes);
					case "--sizes" -> new Options(options.pairs, options.seed, options.threads, options.families,
							list(value).stream().map(SampleSize::of).distinct().toList());
					default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
				};
			}
			return options;
		}

		private static List<String> list(String value) {
			return Arrays.stream(value.split(",")).map(String::trim).filter((part) -> !part.isEmpty()).toList();
		}

		private static int integer(String flag, String value) {
			return (int) Math.min(Integer.MAX_VALUE, longInteger(flag, value));
		}

		private static long longInteger(String flag, String value) {
			try {
				return Long.parseLong(value.trim());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(flag + ": expected a whole number, got '" + value + "'");
			}
		}

	}

	/** One cell of the grid. */
	record Cell(PredictionFamily family, SampleSize size, Scenario scenario) {

	}

	/** What the pairs of one cell gave, and the time each test took on them. */
	record Tally(int pairs, int gate, int psiAlone, int pAtOnePercent, int pAtFivePercent, int ks, long detectorNanos,
			long ksNanos) {

		static final Tally NONE = new Tally(0, 0, 0, 0, 0, 0, 0, 0);

		Tally plus(Tally other) {
			return new Tally(this.pairs + other.pairs, this.gate + other.gate, this.psiAlone + other.psiAlone,
					this.pAtOnePercent + other.pAtOnePercent, this.pAtFivePercent + other.pAtFivePercent,
					this.ks + other.ks, this.detectorNanos + other.detectorNanos, this.ksNanos + other.ksNanos);
		}

	}

	/** One cell and its tally. */
	record CellResult(Cell cell, Tally tally) {

	}

	private record Task(Cell cell, int fromPair, int toPair) {

	}

}
