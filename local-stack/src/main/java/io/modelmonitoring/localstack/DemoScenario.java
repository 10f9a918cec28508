package io.modelmonitoring.localstack;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import org.bson.Document;

/**
 * The demo's data: a small platform whose week has a story. One model drifted, one is
 * stable, one has too few predictions this week for a PSI, one has a Brier score and one
 * a mean absolute error above threshold, one drifted in one region only, one has an input
 * feature that drifted, and a few log lines and evaluations are malformed. The same seed
 * always gives the same data, relative to the instant it is written for.
 */
final class DemoScenario {

	/**
	 * A model of the demo, and how its predictions behave.
	 *
	 * @param signals whether its records carry segments and input features
	 * ({@link DemoSignals}); the others log predictions only, so that each tells one
	 * story (a drifted model's segments would all drift with it)
	 * @param emeaShift what this week's predictions in region emea add to their mean
	 * @param featureFactor what this week's days_in_stage is multiplied by
	 */
	record DemoModel(String tenantId, String modelId, double baselineMean, double currentMean, int perDay,
			int currentPerDay, String story, boolean signals, double emeaShift, double featureFactor) {

		DemoModel(String tenantId, String modelId, double baselineMean, double currentMean, int perDay,
				int currentPerDay, String story) {
			this(tenantId, modelId, baselineMean, currentMean, perDay, currentPerDay, story, false, 0, 1);
		}

	}

	// The two models with segments log more: their drifting region and feature have over
	// 1,000 values in each window, where the p-value is the chi-square tail's, far below
	// the gate even after the adjustment over their 16 checks.
	static final List<DemoModel> MODELS = List.of(
			new DemoModel("acme-corp", "risk-scoring", 0.30, 0.52, 120, 120, "predictions moved up this week: drift"),
			new DemoModel("acme-corp", "win-probability", 0.45, 0.45, 120, 120, "stable"),
			new DemoModel("globex", "forecasting", 0.60, 0.60, 120, 3, "too few predictions this week for a PSI"),
			new DemoModel("globex", "risk-scoring", 0.35, 0.35, 120, 120, "Brier score above threshold"),
			new DemoModel("initech", "win-probability", 0.50, 0.50, 120, 120, "MAE above threshold"),
			new DemoModel("acme-corp", "churn-risk", 0.40, 0.40, 600, 600,
					"stable as a whole, but emea moved up this week, and its Brier score there is above threshold",
					true, 0.08, 1),
			new DemoModel("globex", "deal-velocity", 0.55, 0.55, 240, 240,
					"stable predictions, but the input feature days_in_stage grew this week", true, 0, 1.7));

	static final List<String> TENANTS = MODELS.stream().map(DemoModel::tenantId).distinct().toList();

	/**
	 * The list of the lake files the demo wrote, one path a line relative to the lake, so
	 * that the next start deletes those and never a file of anyone else.
	 */
	static final String WRITTEN_FILES = ".local-stack-demo-files";

	private static final String LOGS = "ml_inference_logs";

	private final long seed;

	private final Instant asOf;

	DemoScenario(long seed, Instant asOf) {
		this.seed = seed;
		this.asOf = asOf;
	}

	/**
	 * Writes 60 days of inference logs before asOf into {@code lake}, one file a day
	 * partition, gzipped on odd days, and lists them in {@link #WRITTEN_FILES} (first, so
	 * that a write cut short leaves nothing unlisted). Each record lies a seeded distance
	 * before asOf, so the same seed gives the same windows and the same figures whatever
	 * the time of day, and at least an hour from a whole day before it: a run that takes
	 * an asOf up to an hour later (the services start after the data is written) counts
	 * the same records in each window.
	 * @return the number of lines written
	 */
	long writeLake(Path lake) throws IOException {
		SplittableRandom random = new SplittableRandom(this.seed);
		// A stream apart: the other models' predictions are those they had without it.
		DemoSignals signals = new DemoSignals(new SplittableRandom(this.seed).split());
		long dayMillis = Duration.ofDays(1).toMillis();
		long margin = Duration.ofHours(1).toMillis();
		Map<LocalDate, List<String>> days = new TreeMap<>();
		for (DemoModel model : MODELS) {
			for (int daysBack = 1; daysBack <= 60; daysBack++) {
				boolean current = daysBack <= 7;
				int count = current ? model.currentPerDay() : model.perDay();
				double mean = current ? model.currentMean() : model.baselineMean();
				for (int i = 0; i < count; i++) {
					// in [asOf - daysBack days + 1 h, asOf - (daysBack - 1) days - 1 h]
					Instant at = this.asOf.minusMillis(
							(daysBack - 1) * dayMillis + margin + random.nextLong(0, dayMillis - 2 * margin + 1));
					String details = model.signals() ? signals.next(model, current) : "";
					double shifted = mean + (signals.inEmea(model, current) ? model.emeaShift() : 0);
					double prediction = Math.min(1, Math.max(0, shifted + 0.12 * gaussian(random)));
					days.computeIfAbsent(day(at), (key) -> new ArrayList<>())
						.add(record(model, prediction, at, details));
				}
			}
		}
		Instant badAt = this.asOf.minus(Duration.ofDays(2));
		List<String> badDay = days.computeIfAbsent(day(badAt), (key) -> new ArrayList<>());
		badDay.add("{\"tenantId\": \"acme-corp\", \"modelId\": \"risk-scoring\", \"prediction\": \"high\", "
				+ "\"timestamp\": \"" + badAt + "\"}");
		badDay.add("{\"tenantId\": \"globex\", \"modelId\": \"forecasting\"");
		badDay.add("{\"tenantId\": \"initech\", \"modelId\": \"win-probability\", \"prediction\": 0.4, "
				+ "\"timestamp\": \"last tuesday\"}");
		Map<Path, List<String>> files = new TreeMap<>();
		days.forEach((day, lines) -> files.put(file(lake, day), lines));
		List<String> written = new ArrayList<>();
		for (Path file : files.keySet()) {
			written.add(lake.relativize(file).toString());
		}
		Files.createDirectories(lake);
		Files.write(lake.resolve(WRITTEN_FILES), written, StandardCharsets.UTF_8);
		long lines = 0;
		for (Map.Entry<Path, List<String>> file : files.entrySet()) {
			write(file.getKey(), file.getValue());
			lines += file.getValue().size();
		}
		return lines;
	}

	/**
	 * Deletes the lake files an earlier demo wrote, as {@link #WRITTEN_FILES} lists them,
	 * the partition directories that leaves empty, and the list. Anything else in the
	 * lake stays.
	 * @return the number of files deleted
	 */
	static int removeWrittenFiles(Path lake) throws IOException {
		Path list = lake.resolve(WRITTEN_FILES);
		if (!Files.exists(list)) {
			return 0;
		}
		Path logs = lake.resolve(LOGS).normalize();
		int deleted = 0;
		for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
			Path file = lake.resolve(line).normalize();
			if (line.isBlank() || !file.startsWith(logs) || !Files.deleteIfExists(file)) {
				continue;
			}
			deleted++;
			for (Path directory = file.getParent(); !directory.equals(logs)
					&& isEmptyDirectory(directory); directory = directory.getParent()) {
				Files.delete(directory);
			}
		}
		Files.delete(list);
		return deleted;
	}

	private static boolean isEmptyDirectory(Path directory) throws IOException {
		try (var entries = Files.list(directory)) {
			return entries.findAny().isEmpty();
		}
	}

	private static LocalDate day(Instant at) {
		return at.atZone(ZoneOffset.UTC).toLocalDate();
	}

	/**
	 * Evaluation documents for {@code ml_evaluations}, including three malformed ones.
	 */
	List<Document> evaluations() {
		return List.of(evaluation("acme-corp", "risk-scoring", 2).append("brier", 0.12).append("mae", 0.09),
				evaluation("acme-corp", "win-probability", 1).append("metrics", new Document("brier", 0.15)),
				evaluation("globex", "forecasting", 3).append("metrics", new Document("MAE", 0.08)),
				evaluation("globex", "risk-scoring", 1).append("brier", 0.31).append("mae", 0.11),
				evaluation("globex", "risk-scoring", 20).append("brier", 0.14),
				evaluation("initech", "win-probability", 2).append("brier", "0.18").append("mae", 0.27),
				evaluation("initech", "win-probability", 0).append("brier", "n/a"),
				evaluation("initech", "win-probability", 5).append("mae", -1),
				// Per segment: emea's Brier score is above threshold; a segment scored on
				// 12 deals is too few to be checked.
				evaluation("acme-corp", "churn-risk", 1).append("brier", 0.14)
					.append("mae", 0.10)
					.append("segments",
							List.of(segment("region", "amer", "brier", 0.12, 380),
									segment("region", "emea", "brier", 0.27, 290),
									segment("region", "apac", "brier", 0.11, 160),
									segment("industry", "healthcare", "brier", 0.35, 12))),
				evaluation("globex", "deal-velocity", 2).append("brier", 0.13)
					.append("mae", 0.08)
					.append("segments",
							List.of(segment("deal_size", "small", "mae", 0.09, 210),
									segment("deal_size", "large", "mae", 0.15, 45))),
				new Document("tenantId", "initech").append("brier", 0.5)
					.append("createdAt", Date.from(this.asOf.minus(Duration.ofDays(1)))));
	}

	private static Document segment(String dimension, String value, String metric, double metricValue, int count) {
		return new Document("dimension", dimension).append("value", value)
			.append(metric, metricValue)
			.append("count", count);
	}

	private Document evaluation(String tenantId, String modelId, int daysAgo) {
		return new Document("tenantId", tenantId).append("modelId", modelId)
			.append("modelVersion", "v3")
			.append("createdAt", Date.from(this.asOf.minus(Duration.ofDays(daysAgo)).minusSeconds(3600)));
	}

	private static String record(DemoModel model, double prediction, Instant at, String details) {
		return "{\"tenantId\": \"" + model.tenantId() + "\", \"modelId\": \"" + model.modelId() + "\", \"prediction\": "
				+ prediction + ", \"timestamp\": \"" + at + "\", \"latencyMs\": 12" + details + "}";
	}

	/** A standard normal draw (Box–Muller), from the seeded generator so runs repeat. */
	static double gaussian(SplittableRandom random) {
		double u = 1.0 - random.nextDouble();
		double v = random.nextDouble();
		return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
	}

	/** The day's file: {@code demo.jsonl}, gzipped on odd days. */
	private static Path file(Path lake, LocalDate day) {
		return lake.resolve(LOGS)
			.resolve(String.format("year=%04d/month=%02d/day=%02d", day.getYear(), day.getMonthValue(),
					day.getDayOfMonth()))
			.resolve((day.getDayOfMonth() % 2 == 1) ? "demo.jsonl.gz" : "demo.jsonl");
	}

	private static void write(Path path, List<String> lines) throws IOException {
		Files.createDirectories(path.getParent());
		boolean gzip = path.getFileName().toString().endsWith(".gz");
		try (OutputStream file = Files.newOutputStream(path);
				OutputStream out = gzip ? new GZIPOutputStream(file) : file;
				BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
			for (String line : lines) {
				writer.write(line);
				writer.write('\n');
			}
		}
	}

}
