package io.modelmonitoring.scan.binning;

import java.util.SplittableRandom;

import io.modelmonitoring.scan.binning.Groups.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.modelmonitoring.scan.binning.TwoPassBinningTests.bits;
import static io.modelmonitoring.scan.binning.TwoPassBinningTests.sorted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Brackets that fail on purpose: the pass that follows a miss is exact, whatever the pass
 * before it missed (an order statistic, an edge between brackets, a current window that
 * moved into the brackets).
 */
class ForcedMissTests {

	private static final int BINS = 10;

	@ParameterizedTest
	@EnumSource(Shape.class)
	void bracketsAroundTheWrongValuesCostOneMorePassAndNoExactness(Shape shape) {
		SplittableRandom random = new SplittableRandom(shape.ordinal());
		double[] baseline = Groups.values(shape, 30_000, BINS, 0, random);
		double[] current = Groups.values(shape, 20_000, BINS, 0.25, random);
		double[] sortedBaseline = sorted(baseline);
		// every bracket at the baseline's largest value: no order statistic below it is
		// held
		double largest = sortedBaseline[sortedBaseline.length - 1];
		GroupFeed feed = new GroupFeed(baseline, current, 4, random);
		WindowSketch sketch = feed.sketch();

		BinnedWindows binned = feed.count((file) -> sketch.counter(BINS, (rank) -> new double[] { largest, largest }));

		assertExact(binned, baseline, current);
		boolean allAtTheLargest = sortedBaseline[0] == largest;
		assertThat(feed.passes()).isEqualTo(allAtTheLargest ? 2 : 3);
	}

	@Test
	void aPassThatMissesSaysSoAndItsWidenedPassIsExact() {
		SplittableRandom random = new SplittableRandom(7);
		double[] baseline = Groups.values(Shape.CONTINUOUS, 50_000, BINS, 0, random);
		double[] current = Groups.values(Shape.CONTINUOUS, 50_000, BINS, 0, random);
		WindowSketch sketch = feed(baseline, current);
		BinCounter missing = sketch.counter(BINS, (rank) -> new double[] { 100, 101 });
		count(missing, baseline, current);

		assertThat(missing.binned()).isEmpty();
		BinCounter widened = missing.widened();
		count(widened, baseline, current);

		assertExact(widened.binned().orElseThrow(), baseline, current);
	}

	@Test
	void anEdgeBetweenTwoTightBracketsIsCountedInAPassAlignedToTheEdges() {
		SplittableRandom random = new SplittableRandom(11);
		double[] baseline = Groups.values(Shape.CONTINUOUS, 40_000, BINS, 0, random);
		double[] current = Groups.values(Shape.CONTINUOUS, 40_000, BINS, 0.1, random);
		double[] sortedBaseline = sorted(baseline);
		WindowSketch sketch = feed(baseline, current);
		// each order statistic held alone: the interpolated edges fall in no kept bucket
		BinCounter tight = sketch.counter(BINS,
				(rank) -> new double[] { sortedBaseline[(int) rank], sortedBaseline[(int) rank] });
		count(tight, baseline, current);

		assertThat(tight.binned()).isEmpty();
		BinCounter aligned = tight.widened();
		count(aligned, baseline, current);

		assertExact(aligned.binned().orElseThrow(), baseline, current);
	}

	@Test
	void aCurrentWindowThatMovedIntoABracketIsCountedInAPassAlignedToTheEdges() {
		SplittableRandom random = new SplittableRandom(13);
		double[] baseline = Groups.values(Shape.CONTINUOUS, 100_000, BINS, 0, random);
		double median = sorted(baseline)[50_000];
		// 60,000 distinct values within a few million ulps of the median: all inside its
		// bracket
		double[] current = new double[60_000];
		for (int i = 0; i < current.length; i++) {
			current[i] = median + (i - 30_000) * Math.ulp(median) * 7;
		}
		WindowSketch sketch = feed(baseline, current);
		BinCounter first = sketch.counter(BINS);
		count(first, baseline, current);

		assertThat(first.binned()).isEmpty();
		BinCounter aligned = first.widened();
		count(aligned, baseline, current);

		assertExact(aligned.binned().orElseThrow(), baseline, current);
	}

	@Test
	void aCounterFedOtherWindowsThanTheSketchSaysSo() {
		double[] baseline = Groups.values(Shape.CONTINUOUS, 10_000, BINS, 0, new SplittableRandom(3));
		WindowSketch sketch = feed(baseline, baseline);
		BinCounter counter = sketch.counter(BINS);
		count(counter, baseline, new double[] { 1.0 });

		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(counter::binned)
			.withMessageContaining("sketch saw 10000 and 10000");
	}

	private static WindowSketch feed(double[] baseline, double[] current) {
		WindowSketch sketch = new WindowSketch();
		for (double value : baseline) {
			sketch.addBaseline(value);
		}
		for (double value : current) {
			sketch.addCurrent(value);
		}
		return sketch;
	}

	private static void count(BinCounter counter, double[] baseline, double[] current) {
		for (double value : baseline) {
			counter.addBaseline(value);
		}
		for (double value : current) {
			counter.addCurrent(value);
		}
	}

	private static void assertExact(BinnedWindows binned, double[] baseline, double[] current) {
		double[] edges = QuantileEdges.ofSorted(sorted(baseline), BINS);
		assertThat(bits(binned.edges())).containsExactly(bits(edges));
		assertThat(binned.baselineCounts()).containsExactly(QuantileEdges.counts(baseline, edges));
		assertThat(binned.currentCounts()).containsExactly(QuantileEdges.counts(current, edges));
	}

}
