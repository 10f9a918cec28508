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
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Where one in-process scan spills its segments' and features' values, as raw doubles, so
 * that the files are parsed once and each group is read back whole, where a heap holding
 * every value of every feature would not scale. The first values go to the heap, as far
 * as the JVM's {@link SpillBudget} allows (a quarter of the maximum heap, for all scans
 * at once); the rest to a file in the JVM's temporary directory ({@code java.io.tmpdir}),
 * opened delete-on-close, which on Linux unlinks it at once: its disk space is freed when
 * the scan closes it, or when the JVM dies. One address space for both: a position below
 * the heap part's size is in the heap, the others in the file. Writers reserve their
 * range and write it without a lock; once every write is done, readers read the file
 * mapped. Thread-safe.
 */
final class ValueSpill implements Closeable {

	/** A mapping's doubles: 1 GB, under a buffer's int bound. */
	private static final long REGION_DOUBLES = 1L << 27;

	/** The heap part's arrays: 8 MB each, made as the values reach them. */
	private static final int CHUNK_DOUBLES = 1 << 20;

	private final Path path;

	private final FileChannel channel;

	private final AtomicLong end = new AtomicLong();

	/** The file mapped for reading, once written; views of {@link #maps}. */
	private volatile DoubleBuffer[] regions;

	private MappedByteBuffer[] maps;

	private volatile boolean closed;

	private final long regionDoubles;

	private final SpillBudget budget;

	/** The values the heap part holds at most, taken from {@link #budget}. */
	private final long heapDoubles;

	private final int chunkDoubles;

	private final AtomicReferenceArray<double[]> chunks;

	private ValueSpill(Path path, FileChannel channel, long regionDoubles, SpillBudget budget, int chunkDoubles) {
		this.path = path;
		this.channel = channel;
		this.regionDoubles = regionDoubles;
		this.budget = budget;
		this.heapDoubles = budget.takeAll();
		this.chunkDoubles = chunkDoubles;
		this.chunks = new AtomicReferenceArray<>((int) ((this.heapDoubles + chunkDoubles - 1) / chunkDoubles));
	}

	/** A new empty spill in the temporary directory, in the heap as far as it may be. */
	static ValueSpill create() {
		return create(Path.of(System.getProperty("java.io.tmpdir")), REGION_DOUBLES, SpillBudget.JVM, CHUNK_DOUBLES);
	}

	/** A new empty spill in {@code directory}, all of it in the file. */
	static ValueSpill create(Path directory) {
		return create(directory, REGION_DOUBLES, new SpillBudget(0), CHUNK_DOUBLES);
	}

	/**
	 * The same, mapped in regions of {@code regionDoubles}, in the heap as far as
	 * {@code budget} allows, in arrays of {@code chunkDoubles} (tests make all small).
	 */
	static ValueSpill create(Path directory, long regionDoubles, SpillBudget budget, int chunkDoubles) {
		Path path = directory.resolve("drift-scan-values");
		try {
			path = Files.createTempFile(directory, "drift-scan-", ".values");
			return new ValueSpill(path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
					StandardOpenOption.DELETE_ON_CLOSE), regionDoubles, budget, chunkDoubles);
		}
		catch (IOException ex) {
			throw failure("create", path, ex);
		}
	}

	/**
	 * Appends the buffer's remaining doubles (in native order): to the heap part while it
	 * has room, the rest to the file.
	 * @return where they start
	 */
	long append(ByteBuffer bytes) {
		long start = this.end.getAndAdd(bytes.remaining());
		long index = start / Double.BYTES;
		if (index < this.heapDoubles) {
			DoubleBuffer doubles = bytes.asDoubleBuffer();
			int count = (int) Math.min(doubles.remaining(), this.heapDoubles - index);
			for (int done = 0; done < count;) {
				double[] chunk = chunk((int) ((index + done) / this.chunkDoubles));
				int offset = (int) ((index + done) % this.chunkDoubles);
				int length = Math.min(count - done, chunk.length - offset);
				doubles.get(chunk, offset, length);
				done += length;
			}
			bytes.position(bytes.position() + count * Double.BYTES);
		}
		long heapBytes = this.heapDoubles * Double.BYTES;
		long at = Math.max(start, heapBytes) - heapBytes;
		try {
			while (bytes.hasRemaining()) {
				at += this.channel.write(bytes, at);
			}
		}
		catch (IOException ex) {
			throw failure("write", this.path, ex);
		}
		return start;
	}

	/** The heap part's array {@code c}, made when the first value reaches it. */
	private double[] chunk(int c) {
		double[] chunk = this.chunks.get(c);
		if (chunk == null) {
			synchronized (this.chunks) {
				chunk = this.chunks.get(c);
				if (chunk == null) {
					chunk = new double[(int) Math.min(this.chunkDoubles,
							this.heapDoubles - (long) c * this.chunkDoubles)];
					this.chunks.set(c, chunk);
				}
			}
		}
		return chunk;
	}

	/**
	 * Reads {@code count} doubles from {@code position} into {@code into} at {@code at},
	 * once every write is done: from the heap part, or the file mapped into memory, since
	 * a group's values lie in hundreds of small blocks and a read call each cost more
	 * than the copying.
	 */
	void read(long position, int count, double[] into, int at) {
		if (this.closed) {
			throw deleted();
		}
		long index = position / Double.BYTES;
		int done = 0;
		while (done < count && index < this.heapDoubles) {
			double[] chunk = this.chunks.get((int) (index / this.chunkDoubles));
			int offset = (int) (index % this.chunkDoubles);
			int length = Math.min(count - done, chunk.length - offset);
			System.arraycopy(chunk, offset, into, at + done, length);
			done += length;
			index += length;
		}
		if (done == count) {
			return;
		}
		DoubleBuffer[] regions = mapped();
		index -= this.heapDoubles;
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
					throw deleted();
				}
				if (this.regions == null) {
					this.regions = map();
				}
				regions = this.regions;
			}
		}
		return regions;
	}

	private static IllegalStateException deleted() {
		return new IllegalStateException("drift scan: its spill is read after it was deleted");
	}

	private DoubleBuffer[] map() {
		long size = fileSize();
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

	/** The bytes of them in the file. */
	long fileSize() {
		return Math.max(0, this.end.get() - this.heapDoubles * Double.BYTES);
	}

	/**
	 * Gives the heap part back, deletes the file, and unmaps it at once: a mapping
	 * otherwise lives until a garbage collection finds its buffer, and with it the
	 * deleted file's disk space.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		for (int c = 0; c < this.chunks.length(); c++) {
			this.chunks.set(c, null);
		}
		this.budget.giveBack(this.heapDoubles);
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
