package io.modelmonitoring.demodata;

import java.io.IOException;

import io.airlift.compress.snappy.SnappyCompressor;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Snappy page compression in pure Java (aircompressor), so that writing Parquet needs no
 * Hadoop runtime (parquet-hadoop's own codec factory builds a Hadoop Configuration).
 */
final class SnappyCompressors implements CompressionCodecFactory {

	@Override
	public BytesInputCompressor getCompressor(CompressionCodecName codec) {
		if (codec != CompressionCodecName.SNAPPY) {
			throw new IllegalArgumentException("only SNAPPY is written, not " + codec);
		}
		return new BytesInputCompressor() {

			private final SnappyCompressor compressor = new SnappyCompressor();

			@Override
			public BytesInput compress(BytesInput bytes) throws IOException {
				byte[] input = bytes.toByteArray();
				byte[] output = new byte[this.compressor.maxCompressedLength(input.length)];
				int length = this.compressor.compress(input, 0, input.length, output, 0, output.length);
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
		throw new UnsupportedOperationException("write only");
	}

	@Override
	public void release() {
	}

}
