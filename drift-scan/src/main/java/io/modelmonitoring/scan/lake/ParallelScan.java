package io.modelmonitoring.scan.lake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

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
 * Public so that a source outside this package (ml-service's Azure blobs) scans its files
 * the same way: it lists them as {@link LogFile}s and hands them in.
 */
public final class ParallelScan {

	private ParallelScan() {
	}

	/**
	 * @param files the files to read, in the order a sequential scan reads them
	 * @param request what to keep
	 * @param threads at most this many files are read at once (at least 1)
	 * @param threadName the name of the pool's threads, e.g. {@code lake-scan}
	 */
	public static LogScanResult scan(List<LogFile> files, LogScanRequest request, int threads, String threadName) {
		SampleCollector collector = new SampleCollector(request);
		int poolSize = Math.min(Math.max(1, threads), files.size());
		if (poolSize <= 1) {
			LogFileReader reader = new LogFileReader(collector);
			files.forEach(reader::read);
			return collector.toResult();
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
				parts.set(i, submit(pool, files.get(i), request));
			}
			for (int i = 0; i < files.size(); i++) {
				collector.merge(parts.get(i).get());
				parts.set(i, null); // let the merged part go
				if (i + window < files.size()) {
					parts.set(i + window, submit(pool, files.get(i + window), request));
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("drift scan interrupted", ex);
		}
		catch (ExecutionException ex) {
			// Read failures are counted by the reader; what gets here is an Error.
			Throwable cause = ex.getCause();
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException("drift scan failed: " + cause, cause);
		}
		finally {
			pool.shutdownNow();
		}
		return collector.toResult();
	}

	private static Future<SampleCollector> submit(ExecutorService pool, LogFile file, LogScanRequest request) {
		return pool.submit(() -> {
			SampleCollector part = new SampleCollector(request);
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
