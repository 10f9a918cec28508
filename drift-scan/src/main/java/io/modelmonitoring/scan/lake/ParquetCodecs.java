package io.modelmonitoring.scan.lake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The Parquet page codecs a collector writes, in pure Java (aircompressor and
 * {@code java.util.zip}): uncompressed, Snappy (the default of Spark, pyarrow and
 * parquet-mr), GZIP, ZSTD and LZ4_RAW. parquet-hadoop's own codec factory builds a Hadoop
 * {@code Configuration} and Hadoop codecs, which would need the Hadoop runtime; this one
 * needs neither. A file using another codec (LZO, Brotli, the old Hadoop-framed LZ4)
 * fails to decode and counts as unreadable. Read-only: writers bring their own
 * compressor.
 */
final class ParquetCodecs implements CompressionCodecFactory {

	static final ParquetCodecs INSTANCE = new ParquetCodecs();

	private ParquetCodecs() {
	}

	@Override
	public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
		return new PageDecompressor(codec);
	}

	@Override
	public BytesInputCompressor getCompressor(CompressionCodecName codec) {
		throw new UnsupportedOperationException("inference logs are only read");
	}

	@Override
	public void release() {
	}

	private static final class PageDecompressor implements BytesInputDecompressor {

		private final CompressionCodecName codec;

		PageDecompressor(CompressionCodecName codec) {
			this.codec = codec;
		}

		@Override
		public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
			if (this.codec == CompressionCodecName.UNCOMPRESSED) {
				return bytes;
			}
			byte[] input = bytes.toByteArray();
			return BytesInput.from(decompress(input, input.length, uncompressedSize));
		}

		@Override
		public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
				throws IOException {
			byte[] in = new byte[compressedSize];
			input.duplicate().get(in);
			byte[] out = (this.codec == CompressionCodecName.UNCOMPRESSED) ? in
					: decompress(in, compressedSize, uncompressedSize);
			output.put(out, 0, uncompressedSize);
		}

		private byte[] decompress(byte[] input, int length, int uncompressedSize) throws IOException {
			byte[] output = new byte[uncompressedSize];
			int written;
			try {
				written = switch (this.codec) {
					case SNAPPY -> decompress(new SnappyDecompressor(), input, length, output);
					case ZSTD -> decompress(new ZstdDecompressor(), input, length, output);
					case LZ4_RAW -> decompress(new Lz4Decompressor(), input, length, output);
					case GZIP -> gunzip(input, length, output);
					default -> throw new IOException("Parquet codec " + this.codec + " is not supported "
							+ "(supported: UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW)");
				};
			}
			catch (RuntimeException ex) {
				// aircompressor reports corrupt input unchecked.
				throw new IOException("corrupt " + this.codec + " page: " + ex.getMessage(), ex);
			}
			if (written != uncompressedSize) {
				throw new IOException("corrupt " + this.codec + " page: " + written + " bytes where " + uncompressedSize
						+ " were expected");
			}
			return output;
		}

		private static int decompress(Decompressor decompressor, byte[] input, int length, byte[] output) {
			return decompressor.decompress(input, 0, length, output, 0, output.length);
		}

		private static int gunzip(byte[] input, int length, byte[] output) throws IOException {
			try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(input, 0, length))) {
				int read = in.readNBytes(output, 0, output.length);
				if (in.read() != -1) {
					throw new IOException("GZIP page longer than its declared size");
				}
				return read;
			}
		}

		@Override
		public void release() {
		}

	}

}
