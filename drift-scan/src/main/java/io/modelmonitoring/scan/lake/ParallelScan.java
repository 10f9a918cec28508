package io.modelmonitoring.scan.lake;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.modelmonitoring.scan.binning.GroupWindows;

/**
 * Reads the files of one scan on a bounded pool of threads: each file is read by one
 * thread into a {@link SampleCollector} of its own, and the collectors are merged into
 * the scan's in file order as they finish. The result is therefore the sequential scan's
 * to the last bit: the same counts, and the same samples in the same order per model and
 * window. With one thread (or one file) the files are read in the calling thread.
 * <p>
 * Memory: at most twice as many files as threads are in flight, so the samples waiting to
 * be merged are those of a few files; the pool lives only for the scan.
 * <p>
 * Every file is read once. The values of segments and numeric features go, as raw
 * doubles, to a {@link ValueSpill} file of the scan's (each file's part writes its own
 * blocks, the merge keeps their order): a heap holding every value of every feature would
 * not scale. Once the files are read, each group is read back whole and binned exactly on
 * the pool ({@link SpilledWindows}); the file is deleted when the scan ends. Disk: 8
 * bytes a value of a segment or feature in the windows.
 * <p>
 * Public so that a source outside this package (ml-service's Azure blobs) scans its files
 * the same way: it lists them as {@link LogFile}s and hands them in.
 */
public final class ParallelScan {

	private static final Logger log = LoggerFactory.getLogger(ParallelScan.class);

	private ParallelScan() {
	}

	/**
	 * @param files the files to read, in the order a sequential scan reads them
	 * @param request what to keep
	 * @param threads at most this many files are read at once (at least 1)
	 * @param threadName the name of the pool's threads, e.g. {@code lake-scan}
	 */
	public static LogScanResult scan(List<LogFile> files, LogScanRequest request, int threads, String threadName) {
		if (!request.signals().any()) {
			return read(files, request, threads, threadName, null).toResult(null);
		}
		try (ValueSpill spill = ValueSpill.create()) {
			long started = System.nanoTime();
			SampleCollector samples = read(files, request, threads, threadName, spill);
			samples.flushSpill();
			long read = System.nanoTime();
			// Each group is read back whole and binned on the pool, one group a thread.
			int bins = request.signals().bins();
			List<Runnable> binning = new ArrayList<>();
			for (GroupWindows group : samples.groups()) {
				if (group.baselineCount() > 0) {
					binning.add(() -> group.binned(bins));
				}
			}
			runAll(binning, threads, threadName);
			log.debug(
					"drift scan read {} files in {} ms, spilling {} MB of segment and feature values ({} MB of them"
							+ " to disk), and binned {} groups in {} ms",
					files.size(), (read - started) / 1_000_000, spill.size() >> 20, spill.fileSize() >> 20,
					binning.size(), (System.nanoTime() - read) / 1_000_000);
			return samples.toResult(null);
		}
	}

	/**
	 * The one pass over the files, each file's part reused for a later one once merged.
	 */
	private static SampleCollector read(List<LogFile> files, LogScanRequest request, int threads, String threadName,
			ValueSpill spill) {
		// A merged part is emptied and taken again for a later file: after the first
		// few files no part grows an array.
		Queue<SampleCollector> spare = new ConcurrentLinkedQueue<>();
		return read(files, threads, threadName, () -> {
			SampleCollector part = spare.poll();
			return (part != null) ? part : new SampleCollector(request, spill);
		}, (into, part) -> {
			into.merge(part);
			part.clear();
			spare.offer(part);
		});
	}

	/**
	 * One pass: every file into a collector of its own, merged into the first in file
	 * order as they finish.
	 */
	private static SampleCollector read(List<LogFile> files, int threads, String threadName,
			Supplier<SampleCollector> collectors, BiConsumer<SampleCollector, SampleCollector> merge) {
		SampleCollector collector = collectors.get();
		int poolSize = Math.min(Math.max(1, threads), files.size());
		if (poolSize <= 1) {
			LogFileReader reader = new LogFileReader(collector);
			files.forEach(reader::read);
			return collector;
		}
		ExecutorService pool = Executors.newFixedThreadPool(poolSize, threadFactory(threadName));
		try {
			// A sliding window of files in flight: a slow file holds back at most this
			// many finished ones waiting to be merged.
			int window = poolSize * 2;
			List<Future<SampleCollector>> parts = new ArrayList<>(files.size());
			for (int i = 0; i < files.size(); i++) {
				parts.add(null);
			}
			for (int i = 0; i < Math.min(window, files.size()); i++) {
				parts.set(i, submit(pool, files.get(i), collectors));
			}
			for (int i = 0; i < files.size(); i++) {
				merge.accept(collector, parts.get(i).get());
				parts.set(i, null); // let the merged part go
				if (i + window < files.size()) {
					parts.set(i + window, submit(pool, files.get(i + window), collectors));
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("drift scan interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw failure(ex);
		}
		finally {
			pool.shutdownNow();
		}
		return collector;
	}

	/**
	 * Runs independent tasks on a pool of at most {@code threads} (in the calling thread
	 * with one) and waits for them all.
	 */
	private static void runAll(List<Runnable> tasks, int threads, String threadName) {
		int poolSize = Math.min(Math.max(1, threads), tasks.size());
		if (poolSize <= 1) {
			tasks.forEach(Runnable::run);
			return;
		}
		ExecutorService pool = Executors.newFixedThreadPool(poolSize, threadFactory(threadName));
		try {
			List<Future<?>> running = new ArrayList<>(tasks.size());
			for (Runnable task : tasks) {
				running.add(pool.submit(task));
			}
			for (Future<?> task : running) {
				task.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("drift scan interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw failure(ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Read failures are counted by the reader; what gets here is an Error. */
	private static RuntimeException failure(ExecutionException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof Error error) {
			throw error;
		}
		return new IllegalStateException("drift scan failed: " + cause, cause);
	}

	private static Future<SampleCollector> submit(ExecutorService pool, LogFile file,
			Supplier<SampleCollector> collectors) {
		return pool.submit(() -> {
			SampleCollector part = collectors.get();
			new LogFileReader(part).read(file);
			part.flushSpill();
			return part;
		});
	}

	private static ThreadFactory threadFactory(String name) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
