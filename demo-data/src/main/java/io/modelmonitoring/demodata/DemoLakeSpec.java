package io.modelmonitoring.demodata;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * What a demo lake holds: {@code tenants × models} models logging {@code recordsPerDay}
 * predictions a day (all models together) for {@code days} UTC days before the day of
 * {@code asOf}, in {@code filesPerDay} files a day of one format. One model in
 * {@link #DRIFT_EVERY} drifts: its predictions shift upwards in the last seven days
 * before {@code asOf} (the current window of a run at {@code asOf}).
 * <p>
 * Records may also carry segment values ({@code industry}, {@code region} and
 * {@code segment.deal_size}) and input features ({@code features}: numeric ones of
 * different shapes, then a string and a boolean one); a spec without them writes exactly
 * the lake it wrote before records had them. With segments, {@link #REGION_STORY} drifts
 * in one region only; with the features, {@link #FEATURE_STORY} has one feature that
 * drifts while its predictions do not ({@link DemoRecords}).
 *
 * @param tenants number of tenants ({@code tenant-01} …)
 * @param models models per tenant ({@code risk-score}, {@code win-probability}, …)
 * @param recordsPerDay records a day, all models together
 * @param days number of days, ending the day before {@code asOf}'s day
 * @param filesPerDay files a day partition holds
 * @param seed the seed: the same spec writes the same bytes
 * @param asOf the run instant the lake is made for
 * @param format the file format
 * @param invalidPerMillion records in a million written as bad lines/rows
 * @param numericFeatures numeric input features per record (0: no {@code features} object
 * unless there are categorical ones)
 * @param categoricalFeatures categorical input features per record: 0, 1 (a string) or 2
 * (and a boolean)
 * @param segments whether records carry the three segment values
 */
public record DemoLakeSpec(int tenants, int models, long recordsPerDay, int days, int filesPerDay, long seed,
		Instant asOf, Format format, int invalidPerMillion, int numericFeatures, int categoricalFeatures,
		boolean segments) {

	public static final int DRIFT_EVERY = 5;

	/** The model (tenant, model index) whose predictions drift in one region only. */
	public static final int[] REGION_STORY = { 0, 1 };

	/** The model (tenant, model index) with one drifting input feature. */
	public static final int[] FEATURE_STORY = { 0, 2 };

	public static final int MAX_CATEGORICAL_FEATURES = 2;

	public DemoLakeSpec {
		if (tenants < 1 || models < 1 || recordsPerDay < 1 || days < 1 || filesPerDay < 1) {
			throw new IllegalArgumentException("tenants, models, recordsPerDay, days and filesPerDay must be positive");
		}
		if (invalidPerMillion < 0 || invalidPerMillion > 1_000_000) {
			throw new IllegalArgumentException("invalidPerMillion must be within 0 … 1000000");
		}
		if (numericFeatures < 0 || numericFeatures > 1000 || categoricalFeatures < 0
				|| categoricalFeatures > MAX_CATEGORICAL_FEATURES) {
			throw new IllegalArgumentException(
					"numericFeatures must be within 0 … 1000, categoricalFeatures within 0 … "
							+ MAX_CATEGORICAL_FEATURES);
		}
	}

	/** A lake of predictions only: no segment values, no features. */
	public DemoLakeSpec(int tenants, int models, long recordsPerDay, int days, int filesPerDay, long seed, Instant asOf,
			Format format, int invalidPerMillion) {
		this(tenants, models, recordsPerDay, days, filesPerDay, seed, asOf, format, invalidPerMillion, 0, 0, false);
	}

	/** The same lake with these segments and features. */
	public DemoLakeSpec withSignals(int numericFeatures, int categoricalFeatures, boolean segments) {
		return new DemoLakeSpec(this.tenants, this.models, this.recordsPerDay, this.days, this.filesPerDay, this.seed,
				this.asOf, this.format, this.invalidPerMillion, numericFeatures, categoricalFeatures, segments);
	}

	public boolean hasFeatures() {
		return this.numericFeatures + this.categoricalFeatures > 0;
	}

	public boolean hasSignals() {
		return hasFeatures() || this.segments;
	}

	/** Whether this is the model that drifts in one region only (with segments). */
	public static boolean regionStory(int tenant, int model) {
		return tenant == REGION_STORY[0] && model == REGION_STORY[1];
	}

	/** Whether this is the model whose one feature drifts (with features). */
	public static boolean featureStory(int tenant, int model) {
		return tenant == FEATURE_STORY[0] && model == FEATURE_STORY[1];
	}

	/**
	 * The spec as the manifest records it. A spec of predictions only reads as it did
	 * before specs had segments and features, so the lakes written then are still
	 * recognised (and reused by the benchmark); any other names them.
	 */
	@Override
	public String toString() {
		String base = String.format(Locale.ROOT,
				"DemoLakeSpec[tenants=%d, models=%d, recordsPerDay=%d, days=%d, filesPerDay=%d, seed=%d, asOf=%s, "
						+ "format=%s, invalidPerMillion=%d",
				this.tenants, this.models, this.recordsPerDay, this.days, this.filesPerDay, this.seed, this.asOf,
				this.format, this.invalidPerMillion);
		return base + (hasSignals()
				? String.format(Locale.ROOT, ", numericFeatures=%d, categoricalFeatures=%d, segments=%s]",
						this.numericFeatures, this.categoricalFeatures, this.segments)
				: "]");
	}

	/** 20 tenants × 5 models, 10 million records over 60 days, 4 files a day. */
	public static DemoLakeSpec defaults(Format format) {
		return new DemoLakeSpec(20, 5, 10_000_000L / 60, 60, 4, 42L, Instant.parse("2026-11-22T06:00:00Z"), format,
				100);
	}

	public DemoLakeSpec withTotalRecords(long records) {
		return new DemoLakeSpec(this.tenants, this.models, Math.max(1, records / this.days), this.days,
				this.filesPerDay, this.seed, this.asOf, this.format, this.invalidPerMillion, this.numericFeatures,
				this.categoricalFeatures, this.segments);
	}

	public long totalRecords() {
		return this.recordsPerDay * this.days;
	}

	/** The first day of the lake. */
	public LocalDate firstDay() {
		return this.asOf.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(this.days);
	}

	/** Whether this model drifts in the current window. */
	public static boolean drifts(int tenant, int model) {
		return (tenant * 7 + model) % DRIFT_EVERY == 0;
	}

	/** The file formats a collector writes. */
	public enum Format {

		JSONL(".jsonl"), JSONL_GZ(".jsonl.gz"), PARQUET(".parquet");

		private final String extension;

		Format(String extension) {
			this.extension = extension;
		}

		public String extension() {
			return this.extension;
		}

		/** {@code jsonl}, {@code jsonl.gz} or {@code parquet}. */
		public static Format of(String name) {
			for (Format format : values()) {
				if (format.extension.substring(1).equalsIgnoreCase(name.strip())) {
					return format;
				}
			}
			throw new IllegalArgumentException("unknown format '" + name + "': use jsonl, jsonl.gz or parquet");
		}

	}

}
