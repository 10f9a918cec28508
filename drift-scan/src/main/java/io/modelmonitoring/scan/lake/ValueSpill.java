package io.modelmonitoring.scan.lake;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The file one in-process scan spills its segments' and features' values to, as raw
 * doubles, so that the files are parsed once and each group is read back whole, where a
 * heap holding every value of every feature would not scale. Made in the JVM's temporary
 * directory ({@code java.io.tmpdir}) and deleted when closed (or, should the JVM die, by
 * the system: it is opened delete-on-close). Writers reserve their range and write it
 * without a lock; reads are positional. Thread-safe.
 */
final class ValueSpill implements Closeable {

	private final Path path;

	private final FileChannel channel;

	private final AtomicLong end = new AtomicLong();

	/** A buffer per reading thread, grown to the largest block it read. */
	private final ThreadLocal<ByteBuffer> readBuffers = ThreadLocal.withInitial(() -> direct(1 << 16));

	private ValueSpill(Path path, FileChannel channel) {
		this.path = path;
		this.channel = channel;
	}

	/** A new empty spill in the temporary directory. */
	static ValueSpill create() {
		Path path = null;
		try {
			path = Files.createTempFile("drift-scan-", ".values");
			return new ValueSpill(path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
					StandardOpenOption.DELETE_ON_CLOSE));
		}
		catch (IOException ex) {
			throw failure("create", path, ex);
		}
	}

	/**
	 * Writes the buffer's remaining bytes at the end of the file.
	 * @return where they start
	 */
	long append(ByteBuffer bytes) {
		long start = this.end.getAndAdd(bytes.remaining());
		try {
			for (long at = start; bytes.hasRemaining();) {
				at += this.channel.write(bytes, at);
			}
		}
		catch (IOException ex) {
			throw failure("write", this.path, ex);
		}
		return start;
	}

	/**
	 * Reads {@code count} doubles from {@code position} into {@code into} at {@code at}.
	 */
	void read(long position, int count, double[] into, int at) {
		int bytes = count * Double.BYTES;
		ByteBuffer buffer = this.readBuffers.get();
		if (buffer.capacity() < bytes) {
			buffer = direct(Math.max(bytes, 2 * buffer.capacity()));
			this.readBuffers.set(buffer);
		}
		buffer.clear().limit(bytes);
		try {
			for (long from = position; buffer.hasRemaining();) {
				int read = this.channel.read(buffer, from);
				if (read < 0) {
					throw new IOException("the spill ends before byte " + (position + bytes));
				}
				from += read;
			}
		}
		catch (IOException ex) {
			throw failure("read", this.path, ex);
		}
		buffer.flip();
		buffer.asDoubleBuffer().get(into, at, count);
	}

	/** The bytes written so far. */
	long size() {
		return this.end.get();
	}

	@Override
	public void close() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			throw failure("delete", this.path, ex);
		}
	}

	static ByteBuffer direct(int bytes) {
		return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
	}

	private static UncheckedIOException failure(String what, Path path, IOException ex) {
		return new UncheckedIOException("drift scan: cannot " + what + " its spill file " + path
				+ " (free space in java.io.tmpdir, or point it elsewhere): " + ex.getMessage(), ex);
	}

}
