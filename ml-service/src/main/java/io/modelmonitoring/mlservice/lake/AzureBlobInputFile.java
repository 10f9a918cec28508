package io.modelmonitoring.mlservice.lake;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A blob as a Parquet {@link InputFile}: its size from the listing, and streams that read
 * ranges of it ({@code BlobClient.openInputStream} from an offset, in blocks), reopened
 * at a new offset on a seek backwards or far forwards. A Parquet read is one seek to the
 * footer and one to each row group's columns, so a file costs a few ranged GETs; the blob
 * is never downloaded whole.
 */
final class AzureBlobInputFile implements InputFile {

	/** A forward seek shorter than this reads through instead of reopening. */
	private static final long SKIP_BYTES = 1024 * 1024;

	private static final int BLOCK_BYTES = 4 * 1024 * 1024;

	private final BlobClient blob;

	private final long length;

	AzureBlobInputFile(BlobClient blob, long length) {
		this.blob = blob;
		this.length = length;
	}

	@Override
	public long getLength() {
		return this.length;
	}

	@Override
	public SeekableInputStream newStream() {
		return new RangeStream();
	}

	private final class RangeStream extends SeekableInputStream {

		private InputStream in;

		private long position;

		private long streamPosition;

		private InputStream stream() {
			if (this.in == null || this.streamPosition != this.position) {
				if (this.in != null && this.position > this.streamPosition
						&& this.position - this.streamPosition < SKIP_BYTES) {
					skipTo();
				}
				else {
					closeQuietly();
					this.in = AzureBlobInputFile.this.blob
						.openInputStream(new BlobInputStreamOptions().setRange(new BlobRange(this.position))
							.setBlockSize(BLOCK_BYTES));
					this.streamPosition = this.position;
				}
			}
			return this.in;
		}

		private void skipTo() {
			try {
				long skipped = this.in.skip(this.position - this.streamPosition);
				this.streamPosition += skipped;
			}
			catch (IOException ex) {
				closeQuietly();
			}
			if (this.streamPosition != this.position) {
				closeQuietly();
				this.in = null;
				stream();
			}
		}

		@Override
		public long getPos() {
			return this.position;
		}

		@Override
		public void seek(long newPos) {
			this.position = newPos;
		}

		@Override
		public int read() throws IOException {
			if (this.position >= AzureBlobInputFile.this.length) {
				return -1;
			}
			int b = stream().read();
			if (b >= 0) {
				this.position++;
				this.streamPosition++;
			}
			return b;
		}

		@Override
		public int read(byte[] bytes, int offset, int count) throws IOException {
			if (count == 0) {
				return 0;
			}
			if (this.position >= AzureBlobInputFile.this.length) {
				return -1;
			}
			int read = stream().read(bytes, offset, count);
			if (read > 0) {
				this.position += read;
				this.streamPosition += read;
			}
			return read;
		}

		@Override
		public void readFully(byte[] bytes) throws IOException {
			readFully(bytes, 0, bytes.length);
		}

		@Override
		public void readFully(byte[] bytes, int offset, int count) throws IOException {
			int done = 0;
			while (done < count) {
				int read = read(bytes, offset + done, count - done);
				if (read < 0) {
					throw new EOFException("end of blob " + AzureBlobInputFile.this.blob.getBlobName() + " after "
							+ this.position + " bytes, " + (count - done) + " more expected");
				}
				done += read;
			}
		}

		@Override
		public int read(ByteBuffer buffer) throws IOException {
			int count = buffer.remaining();
			byte[] bytes = new byte[Math.min(count, 64 * 1024)];
			int read = read(bytes, 0, bytes.length);
			if (read > 0) {
				buffer.put(bytes, 0, read);
			}
			return read;
		}

		@Override
		public void readFully(ByteBuffer buffer) throws IOException {
			if (buffer.hasArray()) {
				readFully(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
				buffer.position(buffer.limit());
				return;
			}
			byte[] bytes = new byte[buffer.remaining()];
			readFully(bytes);
			buffer.put(bytes);
		}

		private void closeQuietly() {
			if (this.in != null) {
				try {
					this.in.close();
				}
				catch (IOException ex) {
					// Nothing more to read from it.
				}
				this.in = null;
			}
		}

		@Override
		public void close() {
			closeQuietly();
		}

	}

}
