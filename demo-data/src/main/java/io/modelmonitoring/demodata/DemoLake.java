package io.modelmonitoring.demodata;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes a demo inference-log lake:
 * {@code {root}/ml_inference_logs/year=…/month=…/day=…/part-NNNNN.<ext>}, the layout
 * ml-service reads (docs/data-lake.md), plus {@code demo-lake.properties} with the spec
 * and what was written. Deterministic: each file has its own random stream derived from
 * the seed, day and file number, so the files are the same whatever the number of threads
 * writing them.
 * <p>
 * JSON lines: {@code {"requestId", "tenantId", "modelId", "modelVersion", "prediction",
 * "timestamp", "latencyMs"}}, predictions written in full ({@code Double.toString}), a
 * bad record with {@code "prediction": "n/a"}; then, when the spec has them, the segment
 * values and the {@code features} object ({@link DemoRecords}). Parquet: columns
 * {@code requestId}, {@code tenantId}, {@code modelId} (strings), {@code prediction}
 * (optional double, null for a bad record), {@code timestamp}
 * ({@code INT64 TIMESTAMP(MICROS, UTC)}, as pyarrow writes a tz-aware column), Snappy;
 * segments and features are not written to Parquet (the scan does not read them there
 * yet), though they shape the predictions as in JSON.
 */
public final class DemoLake {

	public static final String PREFIX = "ml_inference_logs";

	public static final String MANIFEST = "demo-lake.properties";

	static final String[] MODEL_NAMES = { "risk-score", "win-probability", "forecast-amount", "churn-risk",
			"deal-velocity" };

	static final MessageType PARQUET_SCHEMA = Types.buildMessage()
		.required(PrimitiveTypeName.BINARY)
		.as(LogicalTypeAnnotation.stringType())
		.named("requestId")
		.required(PrimitiveTypeName.BINARY)
		.as(LogicalTypeAnnotation.stringType())
		.named("tenantId")
		.required(PrimitiveTypeName.BINARY)
		.as(LogicalTypeAnnotation.stringType())
		.named("modelId")
		.optional(PrimitiveTypeName.DOUBLE)
		.named("prediction")
		.required(PrimitiveTypeName.INT64)
		.as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
		.named("timestamp")
		.named("inference");

	/** What was written. */
	public record Summary(long records, int files, long bytes, Duration took) {
	}

	private DemoLake() {
	}

	public static String tenantId(int tenant) {
		return String.format("tenant-%02d", tenant + 1);
	}

	public static String modelId(int model) {
		return (model < MODEL_NAMES.length) ? MODEL_NAMES[model] : "model-" + (model + 1);
	}

	/**
	 * Writes the lake under {@code root} (which plays the container), replacing nothing.
	 */
	public static Summary write(Path root, DemoLakeSpec spec) throws IOException {
		return write(root, spec, Runtime.getRuntime().availableProcessors());
	}

	public static Summary write(Path root, DemoLakeSpec spec, int threads) throws IOException {
		long started = System.nanoTime();
		Path logs = root.resolve(PREFIX);
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
		List<Future<long[]>> parts = new ArrayList<>();
		try {
			for (int day = 0; day < spec.days(); day++) {
				LocalDate date = spec.firstDay().plusDays(day);
				Path directory = logs.resolve(String.format("year=%04d/month=%02d/day=%02d", date.getYear(),
						date.getMonthValue(), date.getDayOfMonth()));
				Files.createDirectories(directory);
				for (int file = 0; file < spec.filesPerDay(); file++) {
					long records = spec.recordsPerDay() / spec.filesPerDay()
							+ ((file < spec.recordsPerDay() % spec.filesPerDay()) ? 1 : 0);
					Path path = directory.resolve(String.format("part-%05d%s", file, spec.format().extension()));
					long seed = mix(spec.seed(), day, file);
					Instant dayStart = date.atStartOfDay(ZoneOffset.UTC).toInstant();
					parts
						.add(pool.submit(() -> new long[] { records, writeFile(path, spec, dayStart, records, seed) }));
				}
			}
			long records = 0;
			long bytes = 0;
			for (Future<long[]> part : parts) {
				long[] written = part.get();
				records += written[0];
				bytes += written[1];
			}
			Summary summary = new Summary(records, parts.size(), bytes, Duration.ofNanos(System.nanoTime() - started));
			writeManifest(root, spec, summary);
			return summary;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			if (ex.getCause() instanceof UncheckedIOException io) {
				throw io.getCause();
			}
			throw new IllegalStateException(ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** The spec a lake was written with, or null when {@code root} holds none. */
	public static Properties manifest(Path root) throws IOException {
		Path file = root.resolve(MANIFEST);
		if (!Files.isRegularFile(file)) {
			return null;
		}
		Properties properties = new Properties();
		try (var in = Files.newInputStream(file)) {
			properties.load(in);
		}
		return properties;
	}

	private static void writeManifest(Path root, DemoLakeSpec spec, Summary summary) throws IOException {
		Properties properties = new Properties();
		properties.setProperty("spec", spec.toString());
		properties.setProperty("records", Long.toString(summary.records()));
		properties.setProperty("files", Integer.toString(summary.files()));
		properties.setProperty("bytes", Long.toString(summary.bytes()));
		try (var out = Files.newOutputStream(root.resolve(MANIFEST))) {
			properties.store(out, "demo lake written by io.modelmonitoring.demodata.DemoLake");
		}
	}

	private static long writeFile(Path path, DemoLakeSpec spec, Instant dayStart, long records, long seed)
			throws IOException {
		Records source = new Records(spec, dayStart, seed);
		if (spec.format() == DemoLakeSpec.Format.PARQUET) {
			writeParquet(path, source, records);
		}
		else {
			try (OutputStream file = Files.newOutputStream(path);
					OutputStream out = (spec.format() == DemoLakeSpec.Format.JSONL_GZ)
							? new GZIPOutputStream(file, 64 * 1024) : new BufferedOutputStream(file, 64 * 1024)) {
				StringBuilder line = new StringBuilder(256);
				for (long i = 0; i < records; i++) {
					source.next();
					line.setLength(0);
					source.json(line);
					out.write(line.toString().getBytes(StandardCharsets.UTF_8));
				}
			}
		}
		return Files.size(path);
	}

	private static void writeParquet(Path path, Records source, long records) throws IOException {
		Files.deleteIfExists(path);
		SimpleGroupFactory groups = new SimpleGroupFactory(PARQUET_SCHEMA);
		try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(path))
			.withConf(new PlainParquetConfiguration())
			.withCodecFactory(new SnappyCompressors())
			.withCompressionCodec(CompressionCodecName.SNAPPY)
			.withType(PARQUET_SCHEMA)
			.build()) {
			for (long i = 0; i < records; i++) {
				source.next();
				Group group = groups.newGroup()
					.append("requestId", source.requestId())
					.append("tenantId", source.tenantId)
					.append("modelId", source.modelId)
					.append("timestamp", source.epochMicros());
				if (!source.invalid) {
					group.append("prediction", source.prediction);
				}
				writer.write(group);
			}
		}
	}

	static long mix(long seed, int day, int file) {
		long z = seed * 0x9E3779B97F4A7C15L + day * 0xBF58476D1CE4E5B9L + file * 0x94D049BB133111EBL;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	/** The records of one file, one at a time. */
	private static final class Records {

		private final DemoLakeSpec spec;

		private final long dayStartMillis;

		private final long currentFromMillis;

		private final long asOfMillis;

		private final SplittableRandom random;

		private final DemoRecords details;

		String tenantId;

		String modelId;

		double prediction;

		long timestampMillis;

		boolean invalid;

		private long requestNumber;

		Records(DemoLakeSpec spec, Instant dayStart, long seed) {
			this.spec = spec;
			this.dayStartMillis = dayStart.toEpochMilli();
			this.asOfMillis = spec.asOf().toEpochMilli();
			this.currentFromMillis = this.asOfMillis - Duration.ofDays(7).toMillis();
			this.random = new SplittableRandom(seed);
			this.details = spec.hasSignals() ? new DemoRecords(spec, seed) : null;
			this.requestNumber = seed & 0xFFFFFFFFL;
		}

		void next() {
			int tenant = this.random.nextInt(this.spec.tenants());
			int model = this.random.nextInt(this.spec.models());
			this.tenantId = tenantId(tenant);
			this.modelId = modelId(model);
			this.timestampMillis = this.dayStartMillis + this.random.nextLong(86_400_000L);
			// A model's level and spread depend on the model only; drifting models move
			// up in the current window.
			double level = -1.5 + 3.0 * ((mix(this.spec.seed(), tenant, model) >>> 11) * 0x1.0p-53);
			boolean current = this.timestampMillis >= this.currentFromMillis && this.timestampMillis < this.asOfMillis;
			boolean shifted = DemoLakeSpec.drifts(tenant, model) && current;
			double segmentShift = 0;
			if (this.details != null) {
				this.details.next(tenant, model, current);
				segmentShift = this.details.logitShift();
			}
			double logit = level + 0.8 * this.random.nextGaussian() + (shifted ? 0.9 : 0.0) + segmentShift;
			this.prediction = 1.0 / (1.0 + Math.exp(-logit));
			this.invalid = this.random.nextInt(1_000_000) < this.spec.invalidPerMillion();
			this.requestNumber++;
		}

		String requestId() {
			return Long.toHexString(this.requestNumber);
		}

		long epochMicros() {
			return this.timestampMillis * 1000L;
		}

		void json(StringBuilder line) {
			line.append("{\"requestId\":\"")
				.append(requestId())
				.append("\",\"tenantId\":\"")
				.append(this.tenantId)
				.append("\",\"modelId\":\"")
				.append(this.modelId)
				.append("\",\"modelVersion\":\"v3\",\"prediction\":");
			if (this.invalid) {
				line.append("\"n/a\"");
			}
			else {
				line.append(this.prediction);
			}
			line.append(",\"timestamp\":\"")
				.append(Instant.ofEpochMilli(this.timestampMillis))
				.append("\",\"latencyMs\":")
				.append(3 + (this.requestNumber % 40));
			if (this.details != null) {
				this.details.json(line);
			}
			line.append("}\n");
		}

	}

}
