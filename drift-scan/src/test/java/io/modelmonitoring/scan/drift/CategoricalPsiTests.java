package io.modelmonitoring.scan.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Expected figures come from src/test/resources/drift/categorical_reference.py (numpy's
 * shares and logs, scipy's chi2.sf, and a permutation test of its own that bins every
 * relabelling afresh: exact over all relabellings for the tiny cases, 20,000 numpy
 * relabellings for the others). Windows are written as "category:count" tables, the same
 * in the script.
 */
class CategoricalPsiTests {

	static Stream<Arguments> referenceCases() {
		return Stream.of(
				// ties_and_other: psi=0.025147194980365207 noise=0.1846590909090909
				// top=['a', 'b', 'c'] p[monte-carlo(20000)]=0.9441027948602569
				// baseline=[10, 10, 5, 8] current=[8, 12, 5, 7]
				// terms=[0.009116077839697728, 0.013755415448278515,
				// 0.00013397601075872993, 0.002141725681630232]
				Arguments.of("ties_and_other", "a:10 b:10 c:5 d:5 e:3", "a:8 b:12 c:5 d:2 e:1 f:4", 3,
						0.025147194980365207, 0.1846590909090909, List.of("a", "b", "c"), new long[] { 10, 10, 5, 8 },
						new long[] { 8, 12, 5, 7 },
						new double[] { 0.009116077839697728, 0.013755415448278515, 0.00013397601075872993,
								0.002141725681630232 },
						0.9441027948602569),
				// one_category_equal_sizes: psi=0.0 noise=0.05 top=['x']
				// p[monte-carlo(20000)]=1.0
				Arguments.of("one_category_equal_sizes", "x:40", "x:40", 20, 0.0, 0.05, List.of("x"),
						new long[] { 40, 0 }, new long[] { 40, 0 }, new double[] { 0.0, 0.0 }, 1.0),
				// one_category_other_sizes: psi=0.00022318644585217327
				// noise=0.053571428571428575 top=['x'] p[monte-carlo(20000)]=1.0
				// terms=[2.9067570849007908e-06, 0.00022027968876727247]
				Arguments.of("one_category_other_sizes", "x:40", "x:35", 20, 0.00022318644585217327,
						0.053571428571428575, List.of("x"), new long[] { 40, 0 }, new long[] { 35, 0 },
						new double[] { 2.9067570849007908e-06, 0.00022027968876727247 }, 1.0),
				// booleans: psi=0.7145322723576566 noise=0.06666666666666667
				// top=['true', 'false'] p[monte-carlo(20000)]=4.999750012499375e-05
				// terms=[0.3241005852896514, 0.3904316870680052, 0.0]
				Arguments.of("booleans", "true:45 false:15", "true:20 false:40", 20, 0.7145322723576566,
						0.06666666666666667, List.of("true", "false"), new long[] { 45, 15, 0 },
						new long[] { 20, 40, 0 }, new double[] { 0.3241005852896514, 0.3904316870680052, 0.0 },
						4.999750012499375e-05),
				// more_than_max: psi=0.7686841724887703 noise=0.08602150537634409
				// top=k00..k19 p[monte-carlo(20000)]=4.999750012499375e-05
				// baseline=[30, 29, ..., 11, 55]
				// current=[1, 8, 15, 22, 29, 6, 13, 20, 27, 4, 11, 18, 25, 2, 9, 16, 23,
				// 30, 7, 14, 165]
				// terms[0]=0.1837131139635139 terms[20]=0.2527543620339015
				Arguments.of("more_than_max", table(30, (i) -> 30 - i), table(30, (i) -> 1 + (7 * i) % 30), 20,
						0.7686841724887703, 0.08602150537634409,
						IntStream.range(0, 20).mapToObj(CategoricalPsiTests::name).toList(),
						longs(30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 55),
						longs(1, 8, 15, 22, 29, 6, 13, 20, 27, 4, 11, 18, 25, 2, 9, 16, 23, 30, 7, 14, 165), null,
						4.999750012499375e-05),
				// large_windows: psi=0.025483724916637897 noise=0.007333333333333334
				// top=['red', 'green', 'blue', 'grey'] p[chi2]=0.007620437978200886
				// terms=[0.0008236503141431919, 0.00023162806558704995,
				// 0.003044888337690087, 0.00830271824580372, 0.013080839953413846]
				Arguments.of("large_windows", "red:600 green:350 blue:200 grey:50",
						"red:480 green:300 blue:190 grey:25 pink:5", 20, 0.025483724916637897, 0.007333333333333334,
						List.of("red", "green", "blue", "grey"), new long[] { 600, 350, 200, 50, 0 },
						new long[] { 480, 300, 190, 25, 5 },
						new double[] { 0.0008236503141431919, 0.00023162806558704995, 0.003044888337690087,
								0.00830271824580372, 0.013080839953413846 },
						0.007620437978200886));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("referenceCases")
	void matchesTheNumpyReference(String name, String baseline, String current, int maxCategories, double psi,
			double noiseFloor, List<String> top, long[] baselineBins, long[] currentBins, double[] terms,
			double pValue) {
		CategoricalPsiResult result = CategoricalPsi.compute(counts(baseline, current), maxCategories, 0.5);

		assertThat(result.categories()).containsExactlyElementsOf(top);
		assertThat(result.psi().psi()).isCloseTo(psi, within(1e-12 * Math.max(1, psi)));
		assertThat(result.psi().noiseFloor()).isCloseTo(noiseFloor, within(1e-15));
		assertThat(result.psi().bins()).isEqualTo(top.size() + 1);
		assertThat(result.psi().edges()).isEmpty();
		List<PsiBin> histogram = result.psi().histogram();
		for (int i = 0; i < histogram.size(); i++) {
			PsiBin bin = histogram.get(i);
			assertThat(bin.lower()).isNull();
			assertThat(bin.upper()).isNull();
			assertThat(bin.baselineCount()).as("baseline count of bin %d", i).isEqualTo(baselineBins[i]);
			assertThat(bin.currentCount()).as("current count of bin %d", i).isEqualTo(currentBins[i]);
			if (terms != null) {
				assertThat(bin.contribution()).as("PSI term of bin %d", i).isCloseTo(terms[i], within(1e-15));
			}
		}
		if (name.equals("large_windows")) {
			assertThat(result.psi().pValue()).isCloseTo(pValue, within(1e-9 * pValue));
		}
		else {
			assertThat(result.psi().pValue()).isCloseTo(pValue, within(PermutationTolerance.of(pValue)));
		}
	}

	static Stream<Arguments> tinyWindows() {
		return Stream.of(
				// tiny_shift: psi=2.343706215825301 exact p=0.03896103896103896
				Arguments.of("tiny_shift", "a:4 b:2", "b:2 c:4", 20, 2.343706215825301, 0.03896103896103896),
				// tiny_top_one: psi=0.10164233131830597 exact p=0.6320346320346321
				Arguments.of("tiny_top_one", "a:2 b:2 c:2", "a:1 b:3 c:2", 1, 0.10164233131830597, 0.6320346320346321));
	}

	/**
	 * The exact p-values count every relabelling binned afresh: with a fixed binning (the
	 * observed baseline's top category a in tiny_top_one) the p-value would differ.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("tinyWindows")
	void estimatesTheExactPermutationPValue(String name, String baseline, String current, int maxCategories, double psi,
			double exactP) {
		PsiResult result = CategoricalPsi.compute(counts(baseline, current), maxCategories, 0.5).psi();

		assertThat(result.psi()).isCloseTo(psi, within(1e-12));
		assertThat(result.pValue()).isCloseTo(exactP, within(PermutationTolerance.of(exactP)));
	}

	@Test
	void theSameCountsInAnyOrderOrSplitGiveTheSamePValueToTheBit() {
		List<String> baseline = labels(table(30, (i) -> 30 - i));
		List<String> current = labels(table(30, (i) -> 1 + (i * 11) % 17));
		CategoryCounts inOrder = new CategoryCounts();
		baseline.forEach(inOrder::addBaseline);
		current.forEach(inOrder::addCurrent);
		List<String> shuffledBaseline = new ArrayList<>(baseline);
		List<String> shuffledCurrent = new ArrayList<>(current);
		Collections.shuffle(shuffledBaseline, new java.util.Random(3));
		Collections.shuffle(shuffledCurrent, new java.util.Random(4));
		CategoryCounts first = new CategoryCounts();
		CategoryCounts second = new CategoryCounts();
		for (int i = 0; i < shuffledBaseline.size(); i++) {
			((i % 2 == 0) ? first : second).addBaseline(shuffledBaseline.get(i));
		}
		shuffledCurrent.forEach(second::addCurrent);
		first.merge(second);

		PsiResult expected = CategoricalPsi.compute(inOrder, 20, 0.5).psi();
		PsiResult merged = CategoricalPsi.compute(first, 20, 0.5).psi();
		assertThat(first.baselineCount()).isEqualTo(baseline.size());
		assertThat(first.currentCount()).isEqualTo(current.size());
		assertThat(Double.doubleToRawLongBits(merged.pValue()))
			.isEqualTo(Double.doubleToRawLongBits(expected.pValue()));
		assertThat(Double.doubleToRawLongBits(merged.psi())).isEqualTo(Double.doubleToRawLongBits(expected.psi()));
		assertThat(expected.pValue()).isStrictlyBetween(0.0, 1.0);
	}

	@Test
	void aCategoryFirstSeenWhenTheGroupIsFullIsCountedAsOther() {
		CategoryCounts counts = new CategoryCounts();
		for (int i = 0; i < CategoryCounts.MAX_TRACKED; i++) {
			counts.addBaseline("seen-" + i);
		}
		counts.addBaseline("seen-0");
		for (int i = 0; i < 40; i++) {
			counts.addCurrent("late");
			counts.addBaseline("seen-1");
		}
		CategoryCounts later = new CategoryCounts();
		later.addCurrent("later");
		later.addCurrent("seen-2");
		counts.merge(later);

		assertThat(counts.untracked()).isEqualTo(41);
		assertThat(counts.baselineCount()).isEqualTo(CategoryCounts.MAX_TRACKED + 41);
		assertThat(counts.currentCount()).isEqualTo(42);
		CategoricalPsiResult result = CategoricalPsi.compute(counts, 2, 0.5);
		assertThat(result.categories()).containsExactly("seen-1", "seen-0");
		PsiBin other = result.psi().histogram().get(2);
		assertThat(other.baselineCount()).isEqualTo(CategoryCounts.MAX_TRACKED - 2);
		// "late" and "later" are untracked; "seen-2" is tracked but not a top category.
		assertThat(other.currentCount()).isEqualTo(42);
		// numpy, bins [41, 2, 9998] against [0, 0, 42], K = 3:
		// ((pc-pb)*np.log(pc/pb)).sum() = 0.05097836110655514
		assertThat(result.psi().psi()).isCloseTo(0.05097836110655514, within(1e-12));
	}

	/**
	 * No drift, 400 pairs a case with fixed seeds: the share with p ≤ 0.05 at most 0.05
	 * plus three standard errors (33 of 400), with p ≤ 0.01 at most 0.01 plus three (10);
	 * at least 8 with p ≤ 0.05 (scipy.stats.binom.ppf(0.001, 400, 0.05)), so a merely
	 * conservative test fails too. The uniform cases have more categories than bins:
	 * their top categories are chosen by the baseline's noise, which a χ² tail would read
	 * as drift in about 30 % of pairs.
	 */
	@ParameterizedTest(name = "{0} at {1}/{2}")
	@MethodSource("healthyCases")
	void withNoDriftThePValueIsCalibrated(String family, int n, int m) {
		SplittableRandom random = new SplittableRandom(20261202L + n * 31L + m + family.hashCode());
		double[] shares = shares(family);
		int atMost5 = 0;
		int atMost1 = 0;
		for (int pair = 0; pair < 400; pair++) {
			CategoryCounts counts = new CategoryCounts();
			for (int i = 0; i < n; i++) {
				counts.addBaseline(draw(shares, random));
			}
			for (int i = 0; i < m; i++) {
				counts.addCurrent(draw(shares, random));
			}
			double pValue = CategoricalPsi.compute(counts, CategoricalPsi.DEFAULT_MAX_CATEGORIES, 0.5).psi().pValue();
			atMost5 += (pValue <= 0.05) ? 1 : 0;
			atMost1 += (pValue <= 0.01) ? 1 : 0;
		}
		assertThat(atMost5).as("pairs with p ≤ 0.05 of 400").isBetween(8, 33);
		assertThat(atMost1).as("pairs with p ≤ 0.01 of 400").isLessThanOrEqualTo(10);
	}

	static Stream<Arguments> healthyCases() {
		return Stream.of(Arguments.of("zipf-50", 30, 30), Arguments.of("three", 30, 30),
				Arguments.of("uniform-50", 300, 300), Arguments.of("zipf-12", 300, 300),
				Arguments.of("uniform-50", 1000, 1000), Arguments.of("zipf-12", 1000, 1000));
	}

	@Test
	void anObviousShiftIsCaught() {
		// Shares 0.6/0.3/0.1 against 0.1/0.3/0.6: population PSI 1.79.
		SplittableRandom random = new SplittableRandom(13);
		int caught = 0;
		for (int pair = 0; pair < 100; pair++) {
			CategoryCounts counts = new CategoryCounts();
			for (int i = 0; i < 100; i++) {
				counts.addBaseline(draw(new double[] { 0.6, 0.3, 0.1 }, random));
				counts.addCurrent(draw(new double[] { 0.1, 0.3, 0.6 }, random));
			}
			PsiResult result = CategoricalPsi.compute(counts, 20, 0.5).psi();
			caught += (result.psi() > 0.2 && result.pValue() < 0.01) ? 1 : 0;
		}
		assertThat(caught).as("of 100 shifted pairs").isGreaterThanOrEqualTo(99);
	}

	@Test
	void refusesWhatItCannotCompare() {
		assertThatIllegalArgumentException().isThrownBy(() -> CategoricalPsi.compute(counts("a:3", ""), 20, 0.5))
			.withMessageContaining("at least one value in each window");
		assertThatIllegalArgumentException().isThrownBy(() -> CategoricalPsi.compute(counts("a:3", "a:1"), 0, 0.5))
			.withMessageContaining("at least 1 top category");
		assertThatIllegalArgumentException().isThrownBy(() -> CategoricalPsi.compute(counts("a:3", "a:1"), 20, 0))
			.withMessageContaining("smoothing");
	}

	private static double[] shares(String family) {
		return switch (family) {
			case "three" -> new double[] { 0.5, 0.3, 0.2 };
			case "zipf-12" -> IntStream.range(0, 12).mapToDouble((i) -> 1.0 / (i + 1)).toArray();
			case "zipf-50" -> IntStream.range(0, 50).mapToDouble((i) -> 1.0 / (i + 1)).toArray();
			case "uniform-50" -> IntStream.range(0, 50).mapToDouble((i) -> 1.0).toArray();
			default -> throw new IllegalArgumentException(family);
		};
	}

	private static String draw(double[] weights, SplittableRandom random) {
		double u = random.nextDouble() * Arrays.stream(weights).sum();
		int i = 0;
		while (i < weights.length - 1 && u >= weights[i]) {
			u -= weights[i++];
		}
		return name(i);
	}

	private static String name(int i) {
		return String.format("k%02d", i);
	}

	private static String table(int size, java.util.function.IntUnaryOperator count) {
		StringBuilder table = new StringBuilder();
		for (int i = 0; i < size; i++) {
			table.append(name(i)).append(':').append(count.applyAsInt(i)).append(' ');
		}
		return table.toString().trim();
	}

	private static long[] longs(long... counts) {
		return counts;
	}

	private static List<String> labels(String table) {
		List<String> labels = new ArrayList<>();
		for (String entry : table.split(" ")) {
			if (entry.isEmpty()) {
				continue;
			}
			String[] parts = entry.split(":");
			for (int k = 0; k < Integer.parseInt(parts[1]); k++) {
				labels.add(parts[0]);
			}
		}
		return labels;
	}

	static CategoryCounts counts(String baseline, String current) {
		CategoryCounts counts = new CategoryCounts();
		labels(baseline).forEach(counts::addBaseline);
		labels(current).forEach(counts::addCurrent);
		return counts;
	}

}
