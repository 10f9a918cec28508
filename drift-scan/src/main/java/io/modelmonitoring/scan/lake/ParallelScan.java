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
 * Segments and features are gathered in bounded sketches; those that outgrow their exact
 * values get their exact bins from a second pass over the same files (rarely a third). A
 * counting pass's counts do not depend on the order of the files, so each of its threads
 * counts every file it takes into one collector, merged with the others' at the end. A
 * scan of the predictions alone reads every file once.
 * <p>
 * Public so that a source outside this package (ml-service's Azure blobs) scans its files
 * the same way: it lists them as {@link LogFile}s and hands them in.
 */
public final class ParallelScan {

	private static final Logger log = LoggerFactory.getLogger(ParallelScan.class);

	/** A bracket missed twice is all but impossible; a third miss is a bug. */
	private static final int MAX_PASSES = 4;

	private ParallelScan() {
	}

	/**
	 * @param files the files to read, in the order a sequential scan reads them
	 * @param request what to keep
	 * @param threads at most this many files are read at once (at least 1)
	 * @param threadName the name of the pool's threads, e.g. {@code lake-scan}
	 */
	public static LogScanResult scan(List<LogFile> files, LogScanRequest request, int threads, String threadName) {
		// A merged part is emptied and taken again for a later file: after the first
		// few files no part grows an array.
		Queue<SampleCollector> spare = new ConcurrentLinkedQueue<>();
		SampleCollector samples = read(files, threads, threadName, () -> {
			SampleCollector part = spare.poll();
			return (part != null) ? part : new SampleCollector(request);
		}, (into, part) -> {
			into.merge(part);
			part.clear();
			spare.offer(part);
		});
		if (!request.signals().any()) {
			return samples.toResult(null);
		}
		// The segments and features whose windows outgrew their sketches' exact
		// values are counted in further passes over the same files, until each has
		// its exact bins.
		SignalPlan plan = samples.plan();
		int passes = 1;
		while (plan.pending()) {
			if (passes == MAX_PASSES) {
				throw new IllegalStateException(
						"drift scan: the bins of some segments or features were not exact after " + MAX_PASSES
								+ " passes");
			}
			runAll(plan.passPreparations(), threads, threadName);
			CountingCollector counted = readInAnyOrder(files, threads, threadName,
					() -> new CountingCollector(request, plan), CountingCollector::merge);
			plan.take(counted);
			passes++;
		}
		if (passes > 1) {
			log.debug("drift scan read its files {} times for the bins of segments and features", passes);
		}
		return samples.toResult(plan);
	}

	/**
	 * One pass: every file into a collector of its own, merged into the first in file
	 * order as they finish.
	 */
	private static <C extends RecordCollector> C read(List<LogFile> files, int threads, String threadName,
			Supplier<C> collectors, BiConsumer<C, C> merge) {
		C collector = collectors.get();
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
			List<Future<C>> parts = new ArrayList<>(files.size());
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
	 * One pass whose result does not depend on the order of its files (counts): each
	 * thread takes the next unread file into one collector of its own, and the threads'
	 * collectors are merged once at the end, so that no collector is made and merged per
	 * file and the calling thread only waits.
	 */
	private static <C extends RecordCollector> C readInAnyOrder(List<LogFile> files, int threads, String threadName,
			Supplier<C> collectors, BiConsumer<C, C> merge) {
		int poolSize = Math.min(Math.max(1, threads), files.size());
		if (poolSize <= 1) {
			C collector = collectors.get();
			LogFileReader reader = new LogFileReader(collector);
			files.forEach(reader::read);
			return collector;
		}
		ExecutorService pool = Executors.newFixedThreadPool(poolSize, threadFactory(threadName));
		try {
			AtomicInteger next = new AtomicInteger();
			List<Future<C>> parts = new ArrayList<>(poolSize);
			for (int t = 0; t < poolSize; t++) {
				parts.add(pool.submit(() -> {
					C part = collectors.get();
					LogFileReader reader = new LogFileReader(part);
					for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
						reader.read(files.get(i));
					}
					return part;
				}));
			}
			C collector = parts.get(0).get();
			for (int t = 1; t < poolSize; t++) {
				merge.accept(collector, parts.get(t).get());
			}
			return collector;
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

	private static <C extends RecordCollector> Future<C> submit(ExecutorService pool, LogFile file,
			Supplier<C> collectors) {
		return pool.submit(() -> {
			C part = collectors.get();
			new LogFileReader(part).read(file);
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
