package io.modelmonitoring.scan.lake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * The segment and feature columns of a Parquet inference log, read by the rules of a JSON
 * line: a dimension is a top-level string column of its name, else a string field of its
 * name in the {@code segment} group; the features are the fields of the {@code features}
 * group (numbers: {@code DOUBLE}, {@code FLOAT}, {@code INT32}, {@code INT64};
 * categories: strings and {@code BOOLEAN}). Other types, repeated fields and nested
 * groups are not read. Only the columns a scan wants are projected.
 */
final class ParquetSignals {

	static final String SEGMENT = "segment";

	static final String FEATURES = "features";

	private final List<Column> columns;

	private final List<Type> fields;

	private final int dimensions;

	/**
	 * Per dimension, the current row's value in the segment group (reused row to row).
	 */
	private final String[] nested;

	private ParquetSignals(List<Column> columns, List<Type> fields, int dimensions) {
		this.columns = columns;
		this.fields = fields;
		this.dimensions = dimensions;
		this.nested = new String[dimensions];
	}

	static ParquetSignals of(MessageType schema, ScanSignals signals) {
		List<Column> columns = new ArrayList<>();
		List<Type> fields = new ArrayList<>();
		List<String> dimensions = signals.dimensions();
		for (int d = 0; d < dimensions.size(); d++) {
			PrimitiveType type = string(field(schema, dimensions.get(d)));
			if (type != null) {
				columns.add(new Column(new String[] { type.getName() }, Kind.TOP_LEVEL_DIMENSION, d, null, type));
				fields.add(type);
			}
		}
		GroupType segment = group(schema, SEGMENT);
		if (segment != null && !dimensions.isEmpty()) {
			List<Type> kept = new ArrayList<>();
			for (int d = 0; d < dimensions.size(); d++) {
				PrimitiveType type = string(field(segment, dimensions.get(d)));
				if (type != null) {
					columns.add(
							new Column(new String[] { SEGMENT, type.getName() }, Kind.NESTED_DIMENSION, d, null, type));
					kept.add(type);
				}
			}
			if (!kept.isEmpty()) {
				fields.add(segment.withNewFields(kept));
			}
		}
		GroupType features = group(schema, FEATURES);
		if (features != null && signals.features()) {
			List<Type> kept = new ArrayList<>();
			for (Type child : features.getFields()) {
				PrimitiveType type = primitive(child);
				Kind kind = (type != null) ? featureKind(type) : null;
				if (kind != null) {
					columns.add(new Column(new String[] { FEATURES, type.getName() }, kind, -1, type.getName(), type));
					kept.add(type);
				}
			}
			if (!kept.isEmpty()) {
				fields.add(features.withNewFields(kept));
			}
		}
		return new ParquetSignals(columns, fields, dimensions.size());
	}

	/** The fields to add to the file's projection. */
	List<Type> fields() {
		return this.fields;
	}

	/** Opens the columns of one row group. */
	void open(ColumnReadStoreImpl store, MessageType projection) {
		for (Column column : this.columns) {
			var descriptor = projection.getColumnDescription(column.path);
			column.reader = store.getColumnReader(descriptor);
			column.defined = descriptor.getMaxDefinitionLevel();
		}
	}

	/** Reads the current row's values into {@code details}, and moves every column on. */
	void read(RecordDetails details) {
		details.clear();
		String[] nested = this.nested;
		Arrays.fill(nested, null);
		for (Column column : this.columns) {
			ColumnReader reader = column.reader;
			boolean present = reader.getCurrentDefinitionLevel() == column.defined;
			switch (column.kind) {
				case TOP_LEVEL_DIMENSION -> details.segmentValues[column.dimension] = present ? column.string() : null;
				case NESTED_DIMENSION -> nested[column.dimension] = present ? column.string() : null;
				case NUMBER -> {
					if (present) {
						details.number(column.name, number(reader, column.type));
					}
					else {
						details.unusable(column.name);
					}
				}
				case STRING -> {
					if (present) {
						details.category(column.name, column.string());
					}
					else {
						details.unusable(column.name);
					}
				}
				case BOOLEAN -> {
					if (present) {
						details.category(column.name, reader.getBoolean() ? "true" : "false");
					}
					else {
						details.unusable(column.name);
					}
				}
			}
			reader.consume();
		}
		for (int d = 0; d < this.dimensions; d++) {
			if (details.segmentValues[d] == null) {
				details.segmentValues[d] = nested[d];
			}
		}
	}

	private static double number(ColumnReader reader, PrimitiveType type) {
		return switch (type.getPrimitiveTypeName()) {
			case DOUBLE -> reader.getDouble();
			case FLOAT -> reader.getFloat();
			case INT32 -> reader.getInteger();
			default -> reader.getLong();
		};
	}

	private static Type field(GroupType group, String name) {
		return group.containsField(name) ? group.getType(name) : null;
	}

	private static GroupType group(MessageType schema, String name) {
		Type type = field(schema, name);
		return (type != null && !type.isPrimitive() && !type.isRepetition(Type.Repetition.REPEATED))
				? type.asGroupType() : null;
	}

	private static PrimitiveType primitive(Type type) {
		return (type != null && type.isPrimitive() && !type.isRepetition(Type.Repetition.REPEATED))
				? type.asPrimitiveType() : null;
	}

	private static PrimitiveType string(Type type) {
		PrimitiveType primitive = primitive(type);
		return (primitive != null && featureKind(primitive) == Kind.STRING) ? primitive : null;
	}

	private static Kind featureKind(PrimitiveType type) {
		LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
		return switch (type.getPrimitiveTypeName()) {
			case DOUBLE, FLOAT -> Kind.NUMBER;
			case INT32, INT64 -> (logical == null || logical instanceof IntLogicalTypeAnnotation) ? Kind.NUMBER : null;
			case BINARY -> (logical == null || logical instanceof StringLogicalTypeAnnotation) ? Kind.STRING : null;
			case BOOLEAN -> Kind.BOOLEAN;
			default -> null;
		};
	}

	private enum Kind {

		TOP_LEVEL_DIMENSION, NESTED_DIMENSION, NUMBER, STRING, BOOLEAN

	}

	/** One column read, with its open reader and the previous row's string. */
	private static final class Column {

		final String[] path;

		final Kind kind;

		final int dimension;

		final String name;

		final PrimitiveType type;

		ColumnReader reader;

		int defined;

		private Binary last;

		private String lastString;

		Column(String[] path, Kind kind, int dimension, String name, PrimitiveType type) {
			this.path = path;
			this.kind = kind;
			this.dimension = dimension;
			this.name = name;
			this.type = type;
		}

		String string() {
			Binary binary = this.reader.getBinary();
			if (this.last == null || !this.last.equals(binary)) {
				this.last = binary.copy();
				this.lastString = binary.toStringUsingUTF8();
			}
			return this.lastString;
		}

	}

}
