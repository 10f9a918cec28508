package io.modelmonitoring.scan.binning;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import io.modelmonitoring.scan.binning.Groups.Shape;
import io.modelmonitoring.scan.drift.DriftPValue;
import io.modelmonitoring.scan.drift.Psi;
import io.modelmonitoring.scan.drift.PsiResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random groups fed file by file: the bins from the sketch and the counting passes are
 * those of the full sorted windows to the bit, and so is PSI. The reference is the
 * sorted-array arithmetic that PsiTests pins against numpy.
 */
class TwoPassBinningTests {

	static final double SMOOTHING = 0.5;

	static LongStream groups() {
		return LongStream.range(0, 160);
	}

	@ParameterizedTest(name = "group {0}")
	@MethodSource("groups")
	void theBinsOfEveryGroupAreThoseOfItsFullWindows(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		Shape shape = Shape.values()[random.nextInt(Shape.values().length)];
		int bins = random.nextInt(2, 21);
		double[] baseline = Groups.values(shape, size(random), bins, 0, random);
		Shape currentShape = random.nextBoolean() ? shape : Shape.values()[random.nextInt(Shape.values().length)];
		double[] current = Groups.values(currentShape, size(random), bins, random.nextInt(3) * 0.25, random);
		GroupFeed feed = new GroupFeed(baseline, current, 1 + random.nextInt(6), random);
		WindowSketch sketch = feed.sketch();
		assertThat(sketch.baselineCount()).isEqualTo(baseline.length);
		assertThat(sketch.currentCount()).isEqualTo(current.length);
		boolean bothSmall = baseline.length <= WindowSketch.EXACT_VALUES && current.length <= WindowSketch.EXACT_VALUES;
		assertThat(sketch.needsCounting()).isEqualTo(!bothSmall);

		BinnedWindows binned = bothSmall ? sketch.binned(bins) : feed.count((file) -> sketch.counter(bins));

		double[] sortedBaseline = sorted(baseline);
		double[] edges = QuantileEdges.ofSorted(sortedBaseline, bins);
		assertThat(bits(binned.edges())).as("edges, to the bit").containsExactly(bits(edges));
		assertThat(binned.baselineCounts()).containsExactly(QuantileEdges.counts(baseline, edges));
		assertThat(binned.currentCounts()).containsExactly(QuantileEdges.counts(current, edges));
		assertThat(binned.baselineCount()).isEqualTo(baseline.length);
		assertThat(binned.currentCount()).isEqualTo(current.length);
		assertSample(binned.baselineSample(), baseline);
		assertSample(binned.currentSample(), current);
		PsiResult fromBins = Psi.compute(binned, bins, SMOOTHING);
		PsiResult fromArrays = Psi.compute(baseline, current, bins, SMOOTHING);
		if (binned.exact()) {
			assertThat(fromBins).isEqualTo(fromArrays);
		}
		else {
			assertThat(Double.doubleToRawLongBits(fromBins.psi()))
				.isEqualTo(Double.doubleToRawLongBits(fromArrays.psi()));
			assertThat(fromBins.edges()).isEqualTo(fromArrays.edges());
			assertThat(fromBins.histogram()).isEqualTo(fromArrays.histogram());
			assertThat(fromBins.noiseFloor()).isEqualTo(fromArrays.noiseFloor());
			if (Math.min(baseline.length, current.length) >= DriftPValue.ASYMPTOTIC_MIN_SAMPLES) {
				assertThat(fromBins.pValue()).isEqualTo(fromArrays.pValue());
			}
		}
	}

	@Test
	void theSameFilesInTheSameOrderGiveTheSameSamples() {
		double[] baseline = Groups.values(Shape.CONTINUOUS, 30_000, 10, 0, new SplittableRandom(5));
		double[] current = Groups.values(Shape.CONTINUOUS, 9_000, 10, 0, new SplittableRandom(6));

		BinnedWindows once = binnedInFiles(baseline, current);
		BinnedWindows again = binnedInFiles(baseline, current);

		assertThat(bits(once.baselineSample())).containsExactly(bits(again.baselineSample()));
		assertThat(bits(once.currentSample())).containsExactly(bits(again.currentSample()));
	}

	private static BinnedWindows binnedInFiles(double[] baseline, double[] current) {
		GroupFeed feed = new GroupFeed(baseline, current, 4, new SplittableRandom(9));
		WindowSketch sketch = feed.sketch();
		return feed.count((file) -> sketch.counter(10));
	}

	/** Sorted; the window itself while it fits, else a sample of it of the full size. */
	private static void assertSample(double[] sample, double[] window) {
		double[] sortedWindow = sorted(window);
		if (window.length <= WindowSketch.EXACT_VALUES) {
			assertThat(bits(sample)).containsExactly(bits(sortedWindow));
			return;
		}
		assertThat(sample).hasSize(WindowSketch.EXACT_VALUES).isSorted();
		assertThat(sample[0]).isGreaterThanOrEqualTo(sortedWindow[0]);
		assertThat(sample[sample.length - 1]).isLessThanOrEqualTo(sortedWindow[sortedWindow.length - 1]);
	}

	/** A third small, a third just over the exact size, a third up to 200,000. */
	private static int size(SplittableRandom random) {
		return switch (random.nextInt(3)) {
			case 0 -> (int) Math.floor(Math.exp(random.nextDouble() * Math.log(WindowSketch.EXACT_VALUES + 1)));
			case 1 -> random.nextInt(WindowSketch.EXACT_VALUES + 1, 20_000);
			default -> random.nextInt(20_000, 200_001);
		};
	}

	static double[] sorted(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted;
	}

	static long[] bits(double[] values) {
		return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
	}

}
