package io.modelmonitoring.scan.lake;

import java.io.Serializable;

/**
 * The passes of one scan for an engine that reads the files itself, elsewhere (the Spark
 * job): what {@link ParallelScan} does on a thread pool, as parts that travel. Each task
 * reads its files, in order, into a part of its own; the parts are merged in the order of
 * their files; the merged first pass plans a counting pass when some group outgrew its
 * exact values, and the counted parts complete the plan. Parts are {@link Serializable}
 * (Java serialization, which a cluster uses between its machines) and bounded per group:
 * a request that spreads over machines should {@link ScanSignals#withSketchedPredictions
 * sketch its predictions}, else each part keeps its files' predictions whole.
 * <p>
 * Merged in file order, the parts give {@link ParallelScan}'s result bit for bit.
 */
public final class ScanPasses {

	private ScanPasses() {
	}

	/** An empty first-pass part of a request. */
	public static FirstPass firstPass(LogScanRequest request) {
		return new FirstPass(new SampleCollector(request));
	}

	/** Pass 1 of some files: every valid record, and every group's sketch. */
	public static final class FirstPass implements Serializable {

		private final SampleCollector collector;

		private FirstPass(SampleCollector collector) {
			this.collector = collector;
		}

		/** Reads one file to its end (unreadable files and bad lines are counted). */
		public void read(LogFile file) {
			new LogFileReader(this.collector).read(file);
		}

		/** Adds a part of the files after this one's. */
		public FirstPass merge(FirstPass later) {
			this.collector.merge(later.collector);
			return this;
		}

		/**
		 * The counting a further pass must do; {@link CountingPlan#pending()} is false
		 * when every group is binned already.
		 */
		public CountingPlan plan() {
			return new CountingPlan(this.collector.plan());
		}

		/** The scan's result, once the plan (if any was needed) is complete. */
		public LogScanResult result(CountingPlan counted) {
			if (counted != null && counted.pending()) {
				throw new IllegalStateException("drift scan: some groups still wait for their bins");
			}
			return this.collector.toResult((counted != null) ? counted.plan : null);
		}

	}

	/**
	 * The groups one more pass must count. Call {@link #prepare} once before handing it
	 * to the readers of a pass (it then ships as is), then {@link #take} the merged
	 * counts.
	 */
	public static final class CountingPlan implements Serializable {

		private final SignalPlan plan;

		private CountingPlan(SignalPlan plan) {
			this.plan = plan;
		}

		public boolean pending() {
			return this.plan.pending();
		}

		/** Plans the next pass of every group still waiting. */
		public void prepare() {
			this.plan.passPreparations().parallelStream().forEach(Runnable::run);
		}

		/** An empty counting part of the prepared pass. */
		public CountingPass counting(LogScanRequest request) {
			return new CountingPass(new CountingCollector(request, this.plan));
		}

		/** Takes a pass's merged counts: groups done keep their bins, the rest widen. */
		public void take(CountingPass counted) {
			this.plan.take(counted.collector);
		}

	}

	/** A counting pass over some files. */
	public static final class CountingPass implements Serializable {

		private final CountingCollector collector;

		private CountingPass(CountingCollector collector) {
			this.collector = collector;
		}

		public void read(LogFile file) {
			new LogFileReader(this.collector).read(file);
		}

		public CountingPass merge(CountingPass later) {
			this.collector.merge(later.collector);
			return this;
		}

	}

}
