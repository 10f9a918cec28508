package io.modelmonitoring.scan.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import io.airlift.compress.Compressor;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
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
 * Writes Parquet files for tests as a collector would (parquet-mr's example writer), with
 * pure-Java compressors so that no Hadoop runtime is needed. Public for ml-service's
 * Azure source tests.
 */
public final class ParquetFixture {

	/** tenantId, modelId: strings; prediction: optional double; timestamp: a string. */
	public static final MessageType STRING_TIMESTAMPS = Types.buildMessage()
		.optional(PrimitiveTypeName.BINARY)
		.as(LogicalTypeAnnotation.stringType())
		.named("tenantId")
		.optional(PrimitiveTypeName.BINARY)
		.as(LogicalTypeAnnotation.stringType())
		.named("modelId")
		.optional(PrimitiveTypeName.DOUBLE)
		.named("prediction")
		.optional(PrimitiveTypeName.BINARY)
		.as(LogicalTypeAnnotation.stringType())
		.named("timestamp")
		.optional(PrimitiveTypeName.BINARY)
		.named("features")
		.named("inference");

	static MessageType timestampColumn(LogicalTypeAnnotation.TimeUnit unit, boolean adjustedToUtc) {
		return Types.buildMessage()
			.required(PrimitiveTypeName.BINARY)
			.as(LogicalTypeAnnotation.stringType())
			.named("tenantId")
			.required(PrimitiveTypeName.BINARY)
			.as(LogicalTypeAnnotation.stringType())
			.named("modelId")
			.required(PrimitiveTypeName.DOUBLE)
			.named("prediction")
			.required(PrimitiveTypeName.INT64)
			.as(LogicalTypeAnnotation.timestampType(adjustedToUtc, unit))
			.named("timestamp")
			.named("inference");
	}

	public static void write(Path file, MessageType schema, CompressionCodecName codec, List<Consumer<Group>> rows) {
		try {
			Files.createDirectories(file.getParent());
			Files.deleteIfExists(file);
			SimpleGroupFactory groups = new SimpleGroupFactory(schema);
			try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
				.withConf(new PlainParquetConfiguration())
				.withCodecFactory(new Compressors())
				.withCompressionCodec(codec)
				.withType(schema)
				.withRowGroupSize(64 * 1024L)
				.withPageSize(4 * 1024)
				.build()) {
				for (Consumer<Group> row : rows) {
					Group group = groups.newGroup();
					row.accept(group);
					writer.write(group);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A row with those fields; a null value leaves the field out (a Parquet null). */
	public static Consumer<Group> row(String tenantId, String modelId, Double prediction, String timestamp) {
		return (group) -> {
			if (tenantId != null) {
				group.append("tenantId", tenantId);
			}
			if (modelId != null) {
				group.append("modelId", modelId);
			}
			if (prediction != null) {
				group.append("prediction", prediction);
			}
			if (timestamp != null) {
				group.append("timestamp", timestamp);
			}
		};
	}

	private static final class Compressors implements CompressionCodecFactory {

		@Override
		public BytesInputCompressor getCompressor(CompressionCodecName codec) {
			return new BytesInputCompressor() {

				@Override
				public BytesInput compress(BytesInput bytes) throws IOException {
					byte[] input = bytes.toByteArray();
					if (codec == CompressionCodecName.GZIP) {
						java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
						try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
							gzip.write(input);
						}
						return BytesInput.from(out.toByteArray());
					}
					Compressor compressor = switch (codec) {
						case SNAPPY -> new SnappyCompressor();
						case ZSTD -> new ZstdCompressor();
						case LZ4_RAW -> new Lz4Compressor();
						default -> null;
					};
					if (compressor == null) {
						return BytesInput.from(input);
					}
					byte[] output = new byte[compressor.maxCompressedLength(input.length)];
					int length = compressor.compress(input, 0, input.length, output, 0, output.length);
					return BytesInput.from(output, 0, length);
				}

				@Override
				public CompressionCodecName getCodecName() {
					return codec;
				}

				@Override
				public void release() {
				}

			};
		}

		@Override
		public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
			return ParquetCodecs.INSTANCE.getDecompressor(codec);
		}

		@Override
		public void release() {
		}

	}

	private ParquetFixture() {
	}

}
