package io.modelmonitoring.scan.lake;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap that spills may hold values in before they go to their file, shared by every
 * scan of the JVM: values in the heap are written and read back without a system call,
 * and take no page cache from the lake's files. A spill takes what is left when it is
 * made and gives it back when it closes, so that two scans at once never hold more than
 * the budget between them. Thread-safe.
 */
final class SpillBudget {

	/** The share of the maximum heap that all spills may hold: a quarter. */
	private static final int HEAP_SHARE_DIVISOR = 4;

	/** The JVM's budget. */
	static final SpillBudget JVM = new SpillBudget(
			Runtime.getRuntime().maxMemory() / HEAP_SHARE_DIVISOR / Double.BYTES);

	private final AtomicLong available;

	/** A budget of {@code doubles} values (tests make small ones). */
	SpillBudget(long doubles) {
		this.available = new AtomicLong(Math.max(0, doubles));
	}

	/** Takes all that is left; it may be 0. */
	long takeAll() {
		return this.available.getAndSet(0);
	}

	void giveBack(long doubles) {
		this.available.addAndGet(doubles);
	}

	long available() {
		return this.available.get();
	}

}
