package io.modelmonitoring.scan.binning;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two passes on a fixed file of 100,000 values with point masses give numpy's
 * figures: src/test/resources/binning/edges_reference.py (numpy 2.4.6) wrote the file and
 * printed these edges (numpy.quantile by the §6 rule, numpy.nextafter) and counts
 * (numpy.searchsorted on the left, numpy.bincount). Baseline: the whole file; current:
 * its first 40,000 values.
 */
class BinningReferenceTests {

	static Stream<Arguments> numpyFigures() {
		return Stream.of(
				Arguments.of(10,
						new double[] { 0.24999999999999997, 0.25, 0.2942607, 0.39685800000000004, 0.47681700000000005,
								0.5540351999999998, 0.6432947999999999, 0.7499999999999999, 0.75 },
						new long[] { 6944, 20161, 2895, 10000, 10000, 10000, 10000, 8427, 11886, 9687 },
						new long[] { 2696, 8067, 1172, 3930, 3955, 4082, 3973, 3424, 4769, 3932 }),
				Arguments.of(20,
						new double[] { 0.21415205, 0.24999999999999997, 0.25, 0.2942607, 0.3506180499999999,
								0.39685800000000004, 0.43735995000000016, 0.47681700000000005, 0.51492725,
								0.5540351999999998, 0.59635875, 0.6432947999999999, 0.6994085000000001,
								0.7499999999999999, 0.75, 0.8684860999999999 },
						new long[] { 5000, 1944, 20161, 2895, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000,
								3427, 11886, 4687, 5000 },
						new long[] { 1941, 755, 8067, 1172, 1962, 1968, 1941, 2014, 2035, 2047, 2038, 1935, 2021, 1403,
								4769, 1897, 2035 }));
	}

	@ParameterizedTest(name = "{0} bins")
	@MethodSource("numpyFigures")
	void twoPassesOverTheFileGiveNumpysEdgesAndCounts(int bins, double[] edges, long[] baselineCounts,
			long[] currentCounts) throws IOException {
		double[] values = values();
		assertThat(values).hasSize(100_000);
		double[] current = Arrays.copyOf(values, 40_000);
		GroupFeed feed = new GroupFeed(values, current, 5, new SplittableRandom(bins));
		WindowSketch sketch = feed.sketch();

		BinnedWindows binned = feed.count((file) -> sketch.counter(bins));

		assertThat(TwoPassBinningTests.bits(binned.edges())).containsExactly(TwoPassBinningTests.bits(edges));
		assertThat(binned.baselineCounts()).containsExactly(baselineCounts);
		assertThat(binned.currentCounts()).containsExactly(currentCounts);
	}

	private static double[] values() throws IOException {
		try (InputStream file = BinningReferenceTests.class.getResourceAsStream("/binning/point-masses-100k.txt.gz");
				BufferedReader lines = new BufferedReader(
						new InputStreamReader(new GZIPInputStream(file), StandardCharsets.UTF_8))) {
			return lines.lines().mapToDouble(Double::parseDouble).toArray();
		}
	}

}
