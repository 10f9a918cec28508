package io.modelmonitoring.scan.binning;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.function.LongFunction;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Pass 1 for one group (e.g. one feature of one model): both windows, in memory that does
 * not grow with them. A window of at most {@value #EXACT_VALUES} values is kept whole,
 * and when both are, {@link #binned} gives the exact PSI inputs at once. Beyond that a
 * window keeps a uniform sample of that size, and the baseline also feeds a KLL quantile
 * sketch whose rank bounds bracket the order statistics the §6 edges need;
 * {@link #counter} then makes the pass that counts exactly.
 * <p>
 * Memory: O({@value #EXACT_VALUES}) doubles per window (growing to that from a few), plus
 * the sketch, about 3·{@value #SKETCH_K} doubles (about 95 kB at 10^6 values). The
 * sketch's coin flips are its own (not seeded), so the brackets, and rarely whether a
 * third pass is needed, may vary from run to run; the result never does. Not thread-safe.
 */
public final class WindowSketch implements GroupWindows, Serializable {

	/**
	 * Per window. At least {@code PermutationTest.MAX_VALUES} (2,000), so that when the
	 * permutation test runs (one window under 1,000 values, kept whole) the sample of the
	 * other is larger than what the test reads of it and the test's own subsampling is
	 * the only one. Twice that, so that groups of a few thousand values, the common size
	 * of a segment, need no second pass at all; 2 × 32 kB per group.
	 */
	public static final int EXACT_VALUES = 4096;

	/**
	 * KLL's k: a normalised rank error of 0.072 % (99 % confidence), so a bracket holds
	 * about 0.15 % of the baseline: 1,400 values at 10^6, 9 brackets for 10 bins. The
	 * sketch costs about 95 kB; at k = 2,000 it would cost half that, but the brackets
	 * twice as much, which at 10^6 values per window is 0.5 MB more per group: the
	 * brackets are the only memory that grows with the windows, so they get the larger
	 * share. Measured at n = m = 10^6, 10 bins: pass 1 holds 160 kB per group, pass 2 540
	 * kB (the raw windows: 16 MB).
	 */
	static final int SKETCH_K = 4000;

	/**
	 * Extra buckets at the sketch's quantiles of even rank, so that an order statistic a
	 * bracket missed is pinned to about 1/32 of the baseline for the next pass. Few: the
	 * search for a value's bucket is most of a counting pass's cost, and a miss is rare
	 * (the sketch's bounds hold with 99 % confidence), so the next pass keeping a 32nd of
	 * the baseline costs less than a finer search on every value.
	 */
	static final int FINE_BUCKETS = 32;

	private final ValueSample baseline = new ValueSample(EXACT_VALUES);

	private final ValueSample current = new ValueSample(EXACT_VALUES);

	/**
	 * Null while the baseline is kept whole. Serialized as its own compact bytes (the
	 * sketch is no Serializable): a scan spread over machines ships sketches between
	 * them.
	 */
	private transient KllDoublesSketch baselineSketch;

	public WindowSketch() {
	}

	@Override
	public void addBaseline(double value) {
		if (this.baselineSketch == null && this.baseline.count() == EXACT_VALUES) {
			startSketch(this.baseline.kept());
		}
		this.baseline.add(value);
		if (this.baselineSketch != null) {
			this.baselineSketch.update(value);
		}
	}

	@Override
	public void addCurrent(double value) {
		this.current.add(value);
	}

	/**
	 * Appends what {@code later} gathered, as if its values had been added here after
	 * this one's (used to merge per-file collectors in file order); deterministic.
	 * {@code later} is not changed.
	 */
	public void merge(WindowSketch later) {
		boolean overflows = this.baseline.count() + later.baseline.count() > EXACT_VALUES;
		if (this.baselineSketch == null && overflows) {
			startSketch(this.baseline.kept());
		}
		if (this.baselineSketch != null) {
			if (later.baselineSketch != null) {
				this.baselineSketch.merge(later.baselineSketch);
			}
			else {
				this.baselineSketch.update(later.baseline.kept(), 0, (int) later.baseline.count());
			}
		}
		this.baseline.merge(later.baseline);
		this.current.merge(later.current);
	}

	@Override
	public void merge(GroupWindows later) {
		merge((WindowSketch) later);
	}

	@Override
	public long baselineCount() {
		return this.baseline.count();
	}

	@Override
	public long currentCount() {
		return this.current.count();
	}

	/**
	 * False while every value of both windows is still kept exactly (both windows at most
	 * {@link #EXACT_VALUES}).
	 */
	@Override
	public boolean needsCounting() {
		return !this.baseline.exact() || !this.current.exact();
	}

	/**
	 * Only when {@link #needsCounting()} is false: the exact inputs straight from the
	 * kept values.
	 */
	@Override
	public BinnedWindows binned(int bins) {
		if (needsCounting()) {
			throw new IllegalStateException("A window of over " + EXACT_VALUES + " values needs a counting pass");
		}
		checkBins(bins);
		double[] sortedBaseline = this.baseline.sorted();
		double[] sortedCurrent = this.current.sorted();
		double[] edges = QuantileEdges.ofSorted(sortedBaseline, bins);
		return new BinnedWindows(edges, QuantileEdges.counts(sortedBaseline, edges),
				QuantileEdges.counts(sortedCurrent, edges), sortedBaseline.length, sortedCurrent.length, sortedBaseline,
				sortedCurrent);
	}

	/**
	 * Pass 2: a counter to feed both windows again, with brackets from this sketch around
	 * every order statistic the §6 quantiles need. Each call gives a new empty counter of
	 * the same pass (one per reader, to merge afterwards).
	 */
	public BinCounter counter(int bins) {
		if (this.baselineSketch == null) {
			return new BinCounter(plan(bins, null));
		}
		KllDoublesSketch sketch = this.baselineSketch;
		double n = sketch.getN();
		return counter(bins, (rank) -> new double[] { sketch.getQuantileLowerBound((rank + 1) / n),
				sketch.getQuantileUpperBound((rank + 1) / n) });
	}

	/**
	 * A counter with brackets of the caller's choosing (for a 0-based rank: {lower,
	 * upper}); the sketch's own brackets are {@link #counter(int)}'s.
	 */
	BinCounter counter(int bins, LongFunction<double[]> brackets) {
		return new BinCounter(plan(bins, brackets));
	}

	private CountingPlan plan(int bins, LongFunction<double[]> brackets) {
		checkBins(bins);
		long n = this.baseline.count();
		long m = this.current.count();
		if (n == 0) {
			throw new IllegalStateException("PSI bins need at least one baseline value");
		}
		double[] baselineSample = this.baseline.sorted();
		double[] currentSample = this.current.sorted();
		if (this.baselineSketch == null) {
			return CountingPlan.aligned(QuantileEdges.ofSorted(baselineSample, bins), n, m, bins, baselineSample,
					currentSample);
		}
		double[] evenRanks = new double[FINE_BUCKETS - 1];
		for (int j = 1; j < FINE_BUCKETS; j++) {
			evenRanks[j - 1] = (double) j / FINE_BUCKETS;
		}
		double[] cuts = this.baselineSketch.getQuantiles(evenRanks, QuantileSearchCriteria.INCLUSIVE);
		return CountingPlan.bracketing(n, m, bins, brackets, cuts, keptShare(n, bins), baselineSample, currentSample);
	}

	/**
	 * The share of the baseline the sketch's brackets hold: the union of rank ± error.
	 */
	private double keptShare(long n, int bins) {
		double error = this.baselineSketch.getNormalizedRankError(false);
		double share = 0;
		double coveredTo = 0;
		for (long rank : QuantileEdges.ranks(n, bins)) {
			double middle = (rank + 1.0) / n;
			double from = Math.max(coveredTo, middle - error);
			double to = Math.min(1, middle + error);
			if (to > from) {
				share += to - from;
				coveredTo = to;
			}
		}
		return share;
	}

	private void startSketch(double[] keptBaseline) {
		this.baselineSketch = KllDoublesSketch.newHeapInstance(SKETCH_K);
		this.baselineSketch.update(keptBaseline, 0, keptBaseline.length);
	}

	private void writeObject(ObjectOutputStream out) throws IOException {
		out.defaultWriteObject();
		out.writeObject((this.baselineSketch != null) ? this.baselineSketch.toByteArray() : null);
	}

	private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
		in.defaultReadObject();
		byte[] sketch = (byte[]) in.readObject();
		this.baselineSketch = (sketch != null) ? KllDoublesSketch.heapify(Memory.wrap(sketch)) : null;
	}

	private static void checkBins(int bins) {
		if (bins < 2) {
			throw new IllegalArgumentException("PSI needs at least 2 bins, got " + bins);
		}
	}

}
