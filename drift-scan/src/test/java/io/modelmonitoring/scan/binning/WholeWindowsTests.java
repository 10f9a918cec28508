package io.modelmonitoring.scan.binning;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.modelmonitoring.scan.binning.Groups.Shape;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both windows at hand give what a sketch and its counting passes give from the same
 * values in the same order: the edges, both windows' counts and the reservoir's samples,
 * to the bit (the edges and counts are checked against numpy in
 * {@link BinningReferenceTests}); and no samples when none are asked for.
 */
class WholeWindowsTests {

	private static final int[][] SIZES = { { 30, 31 }, { 4096, 4096 }, { 4097, 40 }, { 900, 20_000 },
			{ 50_000, 11_000 } };

	@ParameterizedTest
	@EnumSource(Shape.class)
	void theWholeWindowsGiveTheSketchsBinsAndSamples(Shape shape) {
		SplittableRandom random = new SplittableRandom(shape.ordinal() * 31L + 5);
		for (int[] size : SIZES) {
			for (int bins : new int[] { 2, 10, 20 }) {
				double[] baseline = Groups.values(shape, size[0], bins, 0, random);
				double[] current = Groups.values(shape, size[1], bins, 0.3, random);
				String what = shape + " n=" + size[0] + " m=" + size[1] + " bins=" + bins;
				// One file: the reservoir sees the values in the order given.
				GroupFeed feed = new GroupFeed(baseline, current, 1, random);
				WindowSketch sketch = feed.sketch();
				BinnedWindows expected = sketch.needsCounting() ? feed.count((file) -> sketch.counter(bins))
						: sketch.binned(bins);
				BinnedWindows whole = WholeWindows.binned(baseline, current, bins, true);
				assertThat(whole.edges()).as(what).isEqualTo(expected.edges());
				assertThat(whole.baselineCounts()).as(what).isEqualTo(expected.baselineCounts());
				assertThat(whole.currentCounts()).as(what).isEqualTo(expected.currentCounts());
				assertThat(whole.baselineCount()).as(what).isEqualTo(size[0]);
				assertThat(whole.currentCount()).as(what).isEqualTo(size[1]);
				assertThat(whole.baselineSample()).as(what).isEqualTo(expected.baselineSample());
				assertThat(whole.currentSample()).as(what).isEqualTo(expected.currentSample());
				assertThat(whole.baselineSample()).as(what).hasSize(Math.min(size[0], WindowSketch.EXACT_VALUES));

				BinnedWindows countsOnly = WholeWindows.binned(baseline, current, bins, false);
				assertThat(countsOnly.edges()).as(what).isEqualTo(expected.edges());
				assertThat(countsOnly.baselineCounts()).as(what).isEqualTo(expected.baselineCounts());
				assertThat(countsOnly.currentCounts()).as(what).isEqualTo(expected.currentCounts());
				assertThat(countsOnly.baselineSample()).as(what).isEmpty();
				assertThat(countsOnly.currentSample()).as(what).isEmpty();
			}
		}
	}

}
