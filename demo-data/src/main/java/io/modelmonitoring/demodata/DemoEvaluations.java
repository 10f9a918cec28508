package io.modelmonitoring.demodata;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The {@code ml_evaluations} documents that go with a demo lake: for every (tenant,
 * model) of the spec, {@code perModel} evaluations a week apart, the newest a day before
 * {@code asOf}. Most models score well; one in {@link #BRIER_DEGRADED_EVERY} has a newest
 * Brier score over 0.2 and one in {@link #MAE_DEGRADED_EVERY} a newest MAE over 0.2 (the
 * default thresholds). Metrics come in every form ml-service reads ({@code brier},
 * {@code metrics.brier}, {@code metrics.Brier}, numeric strings), and one document in
 * {@link #INVALID_EVERY} carries a value that must be counted invalid.
 * <p>
 * With segments in the spec, the evaluations of one model in {@link #SEGMENTS_EVERY}, and
 * of {@link DemoLakeSpec#REGION_STORY}, also carry per-segment metrics ({@code segments:
 * [{dimension, value, brier, mae, count}]}): one entry per region and one for
 * {@code deal_size=large} from fewer records than ml-service checks. Only the region
 * story's newest evaluation has a segment over 0.2: its Brier score in
 * {@link DemoRecords#DRIFTING_REGION}. They come from a random stream of their own, so
 * the rest of each document is the same with or without them.
 * <p>
 * Written as MongoDB Extended JSON, one document a line, for {@code mongoimport} or for
 * {@link MongoLoader}.
 */
public final class DemoEvaluations {

	public static final String FILE = "ml_evaluations.jsonl";

	public static final int BRIER_DEGRADED_EVERY = 7;

	public static final int MAE_DEGRADED_EVERY = 11;

	public static final int INVALID_EVERY = 50;

	public static final int SEGMENTS_EVERY = 3;

	/** Fewer than ml-service's default minimum count for a segment's metrics (30). */
	static final int SMALL_SEGMENT_MAX_COUNT = 20;

	private DemoEvaluations() {
	}

	/** Whether the model's newest Brier score is over 0.2. */
	public static boolean brierDegraded(int tenant, int model) {
		return (tenant * 3 + model) % BRIER_DEGRADED_EVERY == 0;
	}

	/** Whether the model's newest MAE is over 0.2. */
	public static boolean maeDegraded(int tenant, int model) {
		return (tenant * 5 + model + 3) % MAE_DEGRADED_EVERY == 0;
	}

	/** Whether the model's evaluations carry per-segment metrics (with segments). */
	public static boolean hasSegmentMetrics(int tenant, int model) {
		return (tenant + model) % SEGMENTS_EVERY == 0 || DemoLakeSpec.regionStory(tenant, model);
	}

	/** The documents as Extended JSON lines, in a fixed order for a given spec. */
	public static List<String> documents(DemoLakeSpec spec, int perModel) {
		SplittableRandom random = new SplittableRandom(spec.seed() ^ 0x5EED_E7A1L);
		SplittableRandom segmentRandom = new SplittableRandom(spec.seed() ^ 0x5EED_E7A1L).split();
		List<String> documents = new ArrayList<>();
		int index = 0;
		for (int tenant = 0; tenant < spec.tenants(); tenant++) {
			for (int model = 0; model < spec.models(); model++) {
				for (int age = perModel - 1; age >= 0; age--) {
					boolean newest = age == 0;
					double brier = (newest && brierDegraded(tenant, model)) ? 0.21 + 0.1 * random.nextDouble()
							: 0.05 + 0.13 * random.nextDouble();
					double mae = (newest && maeDegraded(tenant, model)) ? 0.21 + 0.1 * random.nextDouble()
							: 0.04 + 0.14 * random.nextDouble();
					Instant createdAt = spec.asOf().minus(Duration.ofDays(1 + 7L * age));
					boolean invalid = ++index % INVALID_EVERY == 0 && !newest;
					String segments = (spec.segments() && hasSegmentMetrics(tenant, model))
							? segments(segmentRandom, newest && DemoLakeSpec.regionStory(tenant, model)) : "";
					documents.add(document(index, DemoLake.tenantId(tenant), DemoLake.modelId(model), createdAt,
							invalid ? "\"n/a\"" : number(brier), number(mae), index % 4, segments));
				}
			}
		}
		return documents;
	}

	/** Writes {@link #FILE} under {@code dir}; the number of documents. */
	public static int write(Path dir, DemoLakeSpec spec, int perModel) throws IOException {
		List<String> documents = documents(spec, perModel);
		Files.createDirectories(dir);
		try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8)) {
			for (String document : documents) {
				out.write(document);
				out.write('\n');
			}
		}
		return documents.size();
	}

	/**
	 * One evaluation; {@code form} chooses where the metrics sit, as pipelines differ.
	 */
	private static String document(int index, String tenantId, String modelId, Instant createdAt, String brier,
			String mae, int form, String segments) {
		String head = String.format(Locale.ROOT,
				"{\"_id\": \"eval-%07d\", \"tenantId\": \"%s\", \"modelId\": \"%s\", \"modelVersion\": \"v%d\", "
						+ "\"createdAt\": {\"$date\": \"%s\"}",
				index, tenantId, modelId, 1 + index % 3, createdAt);
		String metrics = switch (form) {
			case 0 -> ", \"brier\": " + brier + ", \"mae\": " + mae;
			case 1 -> ", \"metrics\": {\"brier\": " + brier + ", \"mae\": " + mae + "}";
			case 2 -> ", \"metrics\": {\"Brier\": " + brier + ", \"MAE\": " + mae + "}";
			default -> ", \"brier\": " + quoted(brier) + ", \"metrics\": {\"mae\": " + mae + "}";
		};
		return head + metrics + segments + "}";
	}

	/**
	 * {@code , "segments": […]}: each region from enough records, the drifting one
	 * degraded when asked, and one segment from too few records to be checked.
	 */
	private static String segments(SplittableRandom random, boolean regionDegraded) {
		StringBuilder entries = new StringBuilder(", \"segments\": [");
		for (String region : DemoRecords.REGIONS) {
			boolean degraded = regionDegraded && region.equals(DemoRecords.DRIFTING_REGION);
			double brier = degraded ? 0.24 + 0.05 * random.nextDouble() : 0.05 + 0.13 * random.nextDouble();
			entries
				.append(segment("region", region, brier, 0.04 + 0.14 * random.nextDouble(), 60 + random.nextInt(400)));
			entries.append(", ");
		}
		entries.append(segment("deal_size", "large", 0.05 + 0.3 * random.nextDouble(), 0.04 + 0.3 * random.nextDouble(),
				1 + random.nextInt(SMALL_SEGMENT_MAX_COUNT)));
		return entries.append(']').toString();
	}

	private static String segment(String dimension, String value, double brier, double mae, int count) {
		return String.format(Locale.ROOT,
				"{\"dimension\": \"%s\", \"value\": \"%s\", \"brier\": %s, \"mae\": %s, \"count\": %d}", dimension,
				value, number(brier), number(mae), count);
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.4f", value);
	}

	/**
	 * A number as a numeric string, which ml-service also reads; other values unchanged.
	 */
	private static String quoted(String value) {
		return value.startsWith("\"") ? value : "\"" + value + "\"";
	}

}
