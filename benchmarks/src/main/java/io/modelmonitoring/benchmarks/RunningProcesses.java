package io.modelmonitoring.benchmarks;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a benchmark started and must stop: closed in reverse order when the benchmark
 * ends, fails, or is stopped by Ctrl-C (a shutdown hook), whichever comes first.
 */
final class RunningProcesses implements AutoCloseable {

	private final Deque<AutoCloseable> running = new ArrayDeque<>();

	private final Thread hook = new Thread(this::closeQuietly, "stop-benchmark-processes");

	RunningProcesses() {
		Runtime.getRuntime().addShutdownHook(this.hook);
	}

	private boolean closed;

	/**
	 * Keeps {@code started} to stop it; stops it at once when the benchmark is already
	 * stopping.
	 */
	synchronized <T extends AutoCloseable> T add(T started) throws Exception {
		if (this.closed) {
			started.close();
			throw new IllegalStateException("the benchmark is stopping");
		}
		this.running.push(started);
		return started;
	}

	@Override
	public void close() {
		closeQuietly();
		try {
			Runtime.getRuntime().removeShutdownHook(this.hook);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down: the hook runs, and finds nothing left to stop
		}
	}

	private synchronized void closeQuietly() {
		this.closed = true;
		while (!this.running.isEmpty()) {
			try {
				this.running.pop().close();
			}
			catch (Exception ex) {
				System.err.println("while stopping: " + ex);
			}
		}
	}

}
