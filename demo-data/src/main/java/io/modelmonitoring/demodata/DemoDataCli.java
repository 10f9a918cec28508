package io.modelmonitoring.demodata;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.mongodb.MongoException;

/**
 * {@code java -jar demo-data/target/demo-data-0.1.0-SNAPSHOT.jar --out /tmp/lake
 * [--format jsonl|jsonl.gz|parquet] [--records 10000000 | --records-per-day N]
 * [--days 60] [--tenants 20] [--models 5] [--files-per-day 4] [--seed 42]
 * [--as-of 2026-11-22T06:00:00Z] [--invalid-per-million 100] [--features 0]
 * [--categorical-features 0] [--segments false] [--evaluations-per-model 4]
 * [--mongodb-uri mongodb://127.0.0.1:27017/model_monitoring]}: the lake, and the matching
 * evaluations in {@code DIR/ml_evaluations.jsonl} (loaded into MongoDB too when a URI is
 * given).
 */
public final class DemoDataCli {

	private DemoDataCli() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--help") || args[i].equals("-h") || !args[i].startsWith("--") || i + 1 >= args.length) {
				System.out.println(usage());
				System.exit(args[i].startsWith("--h") || args[i].equals("-h") ? 0 : 2);
			}
			options.put(args[i].substring(2), args[++i]);
		}
		if (!options.containsKey("out")) {
			System.err.println(usage());
			System.exit(2);
		}
		DemoLakeSpec defaults = DemoLakeSpec.defaults(DemoLakeSpec.Format.of(options.getOrDefault("format", "jsonl")));
		int days = Integer.parseInt(options.getOrDefault("days", Integer.toString(defaults.days())));
		long recordsPerDay = options.containsKey("records-per-day") ? Long.parseLong(options.get("records-per-day"))
				: Long.parseLong(options.getOrDefault("records", "10000000")) / days;
		DemoLakeSpec spec = new DemoLakeSpec(
				Integer.parseInt(options.getOrDefault("tenants", Integer.toString(defaults.tenants()))),
				Integer.parseInt(options.getOrDefault("models", Integer.toString(defaults.models()))), recordsPerDay,
				days, Integer.parseInt(options.getOrDefault("files-per-day", Integer.toString(defaults.filesPerDay()))),
				Long.parseLong(options.getOrDefault("seed", Long.toString(defaults.seed()))),
				Instant.parse(options.getOrDefault("as-of", defaults.asOf().toString())), defaults.format(),
				Integer.parseInt(
						options.getOrDefault("invalid-per-million", Integer.toString(defaults.invalidPerMillion()))))
			.withSignals(
					Integer.parseInt(options.getOrDefault("features", Integer.toString(defaults.numericFeatures()))),
					Integer.parseInt(options.getOrDefault("categorical-features",
							Integer.toString(defaults.categoricalFeatures()))),
					flag(options.getOrDefault("segments", Boolean.toString(defaults.segments()))));
		DemoLake.Summary summary = DemoLake.write(Path.of(options.get("out")), spec);
		System.out.printf("wrote %,d records in %,d files (%,d bytes) under %s/%s in %.1f s%n", summary.records(),
				summary.files(), summary.bytes(), options.get("out"), DemoLake.PREFIX,
				summary.took().toMillis() / 1000.0);
		int perModel = Integer.parseInt(options.getOrDefault("evaluations-per-model", "4"));
		int evaluations = DemoEvaluations.write(Path.of(options.get("out")), spec, perModel);
		System.out.printf("wrote %,d evaluations to %s/%s%n", evaluations, options.get("out"), DemoEvaluations.FILE);
		if (options.containsKey("mongodb-uri")) {
			try {
				MongoLoader.load(options.get("mongodb-uri"), DemoEvaluations.documents(spec, perModel));
			}
			catch (MongoException ex) {
				System.err.printf("could not load the evaluations into %s: %s%n", options.get("mongodb-uri"),
						ex.getMessage());
				System.exit(1);
			}
			System.out.printf("loaded them into ml_evaluations at %s%n", options.get("mongodb-uri"));
		}
	}

	/** {@code true} or {@code false}, and nothing else: a typo must not mean false. */
	private static boolean flag(String value) {
		if (!value.equals("true") && !value.equals("false")) {
			System.err.println("--segments takes true or false, not '" + value + "'");
			System.exit(2);
		}
		return Boolean.parseBoolean(value);
	}

	static String usage() {
		return "usage: demo-data --out DIR [--format jsonl|jsonl.gz|parquet] [--records N | --records-per-day N] "
				+ "[--days 60] [--tenants 20] [--models 5] [--files-per-day 4] [--seed 42] "
				+ "[--as-of 2026-11-22T06:00:00Z] [--invalid-per-million 100] [--features N numeric features, 0 to "
				+ "1000] [--categorical-features 0|1|2] [--segments true|false] [--evaluations-per-model 4] "
				+ "[--mongodb-uri URI]";
	}

}
