package io.modelmonitoring.scan.lake;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The file one in-process scan spills its segments' and features' values to, as raw
 * doubles, so that the files are parsed once and each group is read back whole, where a
 * heap holding every value of every feature would not scale. Made in the JVM's temporary
 * directory ({@code java.io.tmpdir}) and opened delete-on-close, which on Linux unlinks
 * it at once: its disk space is freed when the scan closes it, or when the JVM dies.
 * Writers reserve their range and write it without a lock; once every write is done,
 * readers read it mapped. Thread-safe.
 */
final class ValueSpill implements Closeable {

	/** A mapping's doubles: 1 GB, under a buffer's int bound. */
	private static final long REGION_DOUBLES = 1L << 27;

	private final Path path;

	private final FileChannel channel;

	private final AtomicLong end = new AtomicLong();

	/** The file mapped for reading, once written; views of {@link #maps}. */
	private volatile DoubleBuffer[] regions;

	private MappedByteBuffer[] maps;

	private boolean closed;

	private final long regionDoubles;

	private ValueSpill(Path path, FileChannel channel, long regionDoubles) {
		this.path = path;
		this.channel = channel;
		this.regionDoubles = regionDoubles;
	}

	/** A new empty spill in the temporary directory. */
	static ValueSpill create() {
		return create(Path.of(System.getProperty("java.io.tmpdir")));
	}

	/** A new empty spill in {@code directory}. */
	static ValueSpill create(Path directory) {
		return create(directory, REGION_DOUBLES);
	}

	/** The same, mapped in regions of {@code regionDoubles} (tests map small ones). */
	static ValueSpill create(Path directory, long regionDoubles) {
		Path path = directory.resolve("drift-scan-values");
		try {
			path = Files.createTempFile(directory, "drift-scan-", ".values");
			return new ValueSpill(path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
					StandardOpenOption.DELETE_ON_CLOSE), regionDoubles);
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
	 * Reads {@code count} doubles from {@code position} into {@code into} at {@code at},
	 * once every write is done: from the file mapped into memory, since a group's values
	 * lie in hundreds of small blocks and a read call each cost more than the copying.
	 */
	void read(long position, int count, double[] into, int at) {
		DoubleBuffer[] regions = mapped();
		long index = position / Double.BYTES;
		int done = 0;
		while (done < count) {
			DoubleBuffer region = regions[(int) (index / this.regionDoubles)];
			int offset = (int) (index % this.regionDoubles);
			int length = Math.min(count - done, region.capacity() - offset);
			region.get(offset, into, at + done, length);
			done += length;
			index += length;
		}
	}

	private DoubleBuffer[] mapped() {
		DoubleBuffer[] regions = this.regions;
		if (regions == null) {
			synchronized (this) {
				if (this.closed) {
					throw new IllegalStateException("drift scan: its spill file is read after it was deleted");
				}
				if (this.regions == null) {
					this.regions = map();
				}
				regions = this.regions;
			}
		}
		return regions;
	}

	private DoubleBuffer[] map() {
		long size = this.end.get();
		long regionBytes = this.regionDoubles * Double.BYTES;
		int count = (int) ((size + regionBytes - 1) / regionBytes);
		this.maps = new MappedByteBuffer[count];
		DoubleBuffer[] views = new DoubleBuffer[count];
		try {
			for (int r = 0; r < count; r++) {
				long from = r * regionBytes;
				this.maps[r] = this.channel.map(FileChannel.MapMode.READ_ONLY, from,
						Math.min(regionBytes, size - from));
				views[r] = this.maps[r].order(ByteOrder.nativeOrder()).asDoubleBuffer();
			}
		}
		catch (IOException ex) {
			throw failure("map", this.path, ex);
		}
		return views;
	}

	/** The bytes written so far. */
	long size() {
		return this.end.get();
	}

	/**
	 * Deletes the file, and unmaps it at once: a mapping otherwise lives until a garbage
	 * collection finds its buffer, and with it the deleted file's disk space.
	 */
	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.maps != null) {
			this.regions = null;
			for (MappedByteBuffer map : this.maps) {
				Unmapping.unmap(map);
			}
			this.maps = null;
		}
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
				+ " (it needs free space in java.io.tmpdir): " + ex.getMessage(), ex);
	}

}
