package io.modelmonitoring.scan.lake;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads the records of one Parquet inference-log file into a {@link RecordCollector}, by
 * the same rules as a JSON line. Only the four columns are read (by top-level name, case
 * sensitive), column by column per row group, and the segment and feature columns when
 * the scan wants them ({@link ParquetSignals}):
 * <ul>
 * <li>{@code tenantId}, {@code modelId}: {@code BINARY} (UTF-8 string);</li>
 * <li>{@code prediction}: {@code DOUBLE}, {@code FLOAT}, {@code INT32} or {@code INT64}
 * (not a decimal);</li>
 * <li>{@code timestamp}: a string with an ISO-8601 date-time with offset (as in JSON), or
 * {@code INT64} {@code TIMESTAMP(MILLIS|MICROS|NANOS)} adjusted to UTC (pyarrow, Spark's
 * {@code TIMESTAMP_MICROS}), or the legacy {@code INT96} (Spark, Impala; UTC). A
 * timestamp <em>not</em> adjusted to UTC (a local date-time) is invalid, as a JSON
 * timestamp without offset is.</li>
 * </ul>
 * A null value, a missing column, a repeated column or a column of another type reads as
 * a missing field: the record is then invalid (or not counted, by the order of the
 * rules). A file that cannot be opened or decoded throws, and counts as unreadable; the
 * records of the row groups read before stay.
 * <p>
 * Memory: one row group's four column chunks at a time (Parquet writers keep row groups
 * at most 128 MiB, a few MiB for these columns).
 */
final class ParquetLogReader {

	static final String TENANT_ID = "tenantId";

	static final String MODEL_ID = "modelId";

	static final String PREDICTION = "prediction";

	static final String TIMESTAMP = "timestamp";

	private static final ParquetReadOptions OPTIONS = ParquetReadOptions.builder(new PlainParquetConfiguration())
		.withCodecFactory(ParquetCodecs.INSTANCE)
		.build();

	/** The Julian day of 1970-01-01, for INT96 timestamps. */
	private static final long JULIAN_EPOCH_DAY = 2_440_588L;

	private final RecordCollector collector;

	private final StringColumn tenants = new StringColumn();

	private final StringColumn models = new StringColumn();

	private final OffsetTimestamps timestamps = new OffsetTimestamps();

	/** Null when the scan wants neither segments nor features. */
	private final RecordDetails details;

	ParquetLogReader(RecordCollector collector) {
		this.collector = collector;
		ScanSignals signals = collector.signals();
		this.details = signals.any() ? new RecordDetails(signals.dimensions().size()) : null;
	}

	void read(InputFile file) throws IOException {
		try (ParquetFileReader reader = ParquetFileReader.open(file, OPTIONS)) {
			FileMetaData metaData = reader.getFooter().getFileMetaData();
			MessageType schema = metaData.getSchema();
			PrimitiveType tenantType = stringColumn(schema, TENANT_ID);
			PrimitiveType modelType = stringColumn(schema, MODEL_ID);
			PrimitiveType predictionType = predictionColumn(schema);
			PrimitiveType timestampType = timestampColumn(schema);
			List<Type> fields = new ArrayList<>();
			for (PrimitiveType type : new PrimitiveType[] { tenantType, modelType, predictionType, timestampType }) {
				if (type != null) {
					fields.add(type);
				}
			}
			if (fields.isEmpty()) {
				// No usable column at all: every row is invalid (no tenant).
				for (long row = reader.getRecordCount(); row > 0; row--) {
					this.collector.invalidRecord();
				}
				return;
			}
			ParquetSignals signals = (this.details != null) ? ParquetSignals.of(schema, this.collector.signals())
					: null;
			if (signals != null) {
				fields.addAll(signals.fields());
			}
			MessageType projection = new MessageType(schema.getName(), fields);
			reader.setRequestedSchema(projection);
			PageReadStore pages;
			while ((pages = reader.readNextRowGroup()) != null) {
				ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
						new DummyRecordConverter(projection).getRootConverter(), projection, metaData.getCreatedBy());
				ColumnReader tenant = columnReader(store, projection, tenantType);
				ColumnReader model = columnReader(store, projection, modelType);
				ColumnReader prediction = columnReader(store, projection, predictionType);
				ColumnReader timestamp = columnReader(store, projection, timestampType);
				int tenantDefined = defined(projection, tenantType);
				int modelDefined = defined(projection, modelType);
				int predictionDefined = defined(projection, predictionType);
				int timestampDefined = defined(projection, timestampType);
				if (signals != null) {
					signals.open(store, projection);
				}
				for (long row = pages.getRowCount(); row > 0; row--) {
					String tenantId = this.tenants.next(tenant, tenantDefined);
					String modelId = this.models.next(model, modelDefined);
					Instant instant = null;
					if (timestamp != null) {
						if (timestamp.getCurrentDefinitionLevel() == timestampDefined) {
							instant = instant(timestamp, timestampType);
						}
						timestamp.consume();
					}
					boolean hasPrediction = false;
					double value = 0;
					if (prediction != null) {
						if (prediction.getCurrentDefinitionLevel() == predictionDefined) {
							hasPrediction = true;
							value = prediction(prediction, predictionType);
						}
						prediction.consume();
					}
					if (signals != null) {
						signals.read(this.details);
					}
					this.collector.record(tenantId, instant, modelId, hasPrediction, value, this.details);
				}
			}
		}
	}

	private static ColumnReader columnReader(ColumnReadStoreImpl store, MessageType projection, PrimitiveType type) {
		return (type != null) ? store.getColumnReader(descriptor(projection, type)) : null;
	}

	private static int defined(MessageType projection, PrimitiveType type) {
		return (type != null) ? descriptor(projection, type).getMaxDefinitionLevel() : 0;
	}

	private static ColumnDescriptor descriptor(MessageType projection, PrimitiveType type) {
		return projection.getColumnDescription(new String[] { type.getName() });
	}

	/** A top-level, non-repeated primitive column of that name, or null. */
	private static PrimitiveType primitive(MessageType schema, String name) {
		if (!schema.containsField(name)) {
			return null;
		}
		Type type = schema.getType(name);
		if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
			return null;
		}
		return type.asPrimitiveType();
	}

	private static PrimitiveType stringColumn(MessageType schema, String name) {
		PrimitiveType type = primitive(schema, name);
		if (type == null || type.getPrimitiveTypeName() != PrimitiveTypeName.BINARY) {
			return null;
		}
		LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
		return (logical == null || logical instanceof StringLogicalTypeAnnotation) ? type : null;
	}

	private static PrimitiveType predictionColumn(MessageType schema) {
		PrimitiveType type = primitive(schema, PREDICTION);
		if (type == null) {
			return null;
		}
		LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
		return switch (type.getPrimitiveTypeName()) {
			case DOUBLE, FLOAT -> type;
			case INT32, INT64 -> (logical == null || logical instanceof IntLogicalTypeAnnotation) ? type : null;
			default -> null;
		};
	}

	private static PrimitiveType timestampColumn(MessageType schema) {
		PrimitiveType type = primitive(schema, TIMESTAMP);
		if (type == null) {
			return null;
		}
		LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
		return switch (type.getPrimitiveTypeName()) {
			case BINARY -> (logical == null || logical instanceof StringLogicalTypeAnnotation) ? type : null;
			case INT96 -> type;
			// A local date-time (not adjusted to UTC) is read, then judged invalid.
			case INT64 -> (logical instanceof TimestampLogicalTypeAnnotation) ? type : null;
			default -> null;
		};
	}

	private static double prediction(ColumnReader reader, PrimitiveType type) {
		return switch (type.getPrimitiveTypeName()) {
			case DOUBLE -> reader.getDouble();
			case FLOAT -> reader.getFloat();
			case INT32 -> reader.getInteger();
			default -> reader.getLong();
		};
	}

	private Instant instant(ColumnReader reader, PrimitiveType type) {
		switch (type.getPrimitiveTypeName()) {
			case BINARY -> {
				return isoInstant(reader.getBinary());
			}
			case INT96 -> {
				return int96Instant(reader.getBinary());
			}
			default -> {
				TimestampLogicalTypeAnnotation timestamp = (TimestampLogicalTypeAnnotation) type
					.getLogicalTypeAnnotation();
				if (!timestamp.isAdjustedToUTC()) {
					return null;
				}
				long value = reader.getLong();
				return switch (timestamp.getUnit()) {
					case MILLIS -> Instant.ofEpochMilli(value);
					case MICROS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L),
							Math.floorMod(value, 1_000_000L) * 1_000L);
					case NANOS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L),
							Math.floorMod(value, 1_000_000_000L));
				};
			}
		}
	}

	/** An ISO-8601 string, by the very rules of a JSON line's timestamp. */
	private Instant isoInstant(Binary binary) {
		byte[] bytes = binary.getBytesUnsafe();
		return this.timestamps.read(bytes, 0, bytes.length)
				? Instant.ofEpochSecond(this.timestamps.epochSecond(), this.timestamps.nano()) : null;
	}

	/**
	 * INT96: eight bytes of nanoseconds in the day, then four of the Julian day, little
	 * endian.
	 */
	private static Instant int96Instant(Binary binary) {
		byte[] bytes = binary.getBytesUnsafe();
		if (bytes.length != 12) {
			return null;
		}
		long nanosOfDay = 0;
		for (int i = 7; i >= 0; i--) {
			nanosOfDay = (nanosOfDay << 8) | (bytes[i] & 0xFF);
		}
		long julianDay = 0;
		for (int i = 11; i >= 8; i--) {
			julianDay = (julianDay << 8) | (bytes[i] & 0xFF);
		}
		if (nanosOfDay < 0 || nanosOfDay >= 86_400_000_000_000L) {
			return null;
		}
		return Instant.ofEpochSecond((julianDay - JULIAN_EPOCH_DAY) * 86_400L, nanosOfDay);
	}

	/**
	 * Reads one string column, handing out the previous row's String while the value
	 * repeats, so that rows of one model share their strings and the collector's lookup.
	 */
	private static final class StringColumn {

		private Binary last;

		private String lastString;

		String next(ColumnReader reader, int defined) {
			if (reader == null) {
				return null;
			}
			String value = null;
			if (reader.getCurrentDefinitionLevel() == defined) {
				Binary binary = reader.getBinary();
				if (this.last == null || !this.last.equals(binary)) {
					this.last = binary.copy();
					this.lastString = binary.toStringUsingUTF8();
				}
				value = this.lastString;
			}
			reader.consume();
			return value;
		}

	}

}
