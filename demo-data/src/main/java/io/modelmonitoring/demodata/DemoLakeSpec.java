package io.modelmonitoring.demodata;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What a demo lake holds: {@code tenants × models} models logging {@code recordsPerDay}
 * predictions a day (all models together) for {@code days} UTC days before the day of
 * {@code asOf}, in {@code filesPerDay} files a day of one format. One model in
 * {@link #DRIFT_EVERY} drifts: its predictions shift upwards in the last seven days
 * before {@code asOf} (the current window of a run at {@code asOf}).
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
 */
public record DemoLakeSpec(int tenants, int models, long recordsPerDay, int days, int filesPerDay, long seed,
		Instant asOf, Format format, int invalidPerMillion) {

	public static final int DRIFT_EVERY = 5;

	public DemoLakeSpec {
		if (tenants < 1 || models < 1 || recordsPerDay < 1 || days < 1 || filesPerDay < 1) {
			throw new IllegalArgumentException("tenants, models, recordsPerDay, days and filesPerDay must be positive");
		}
		if (invalidPerMillion < 0 || invalidPerMillion > 1_000_000) {
			throw new IllegalArgumentException("invalidPerMillion must be within 0 … 1000000");
		}
	}

	/** 20 tenants × 5 models, 10 million records over 60 days, 4 files a day. */
	public static DemoLakeSpec defaults(Format format) {
		return new DemoLakeSpec(20, 5, 10_000_000L / 60, 60, 4, 42L, Instant.parse("2026-11-22T06:00:00Z"), format,
				100);
	}

	public DemoLakeSpec withTotalRecords(long records) {
		return new DemoLakeSpec(this.tenants, this.models, Math.max(1, records / this.days), this.days,
				this.filesPerDay, this.seed, this.asOf, this.format, this.invalidPerMillion);
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
