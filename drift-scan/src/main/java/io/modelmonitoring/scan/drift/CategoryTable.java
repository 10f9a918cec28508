package io.modelmonitoring.scan.drift;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The categories of a group in ascending order (String.compareTo) with both windows'
 * counts, and the rule that bins them: the baseline's top categories by count descending
 * then category ascending, and one last bin for every other category. Values of untracked
 * categories are a pseudo-category that is never a top one.
 */
final class CategoryTable {

	/** Ascending; only categories with a value in either window. */
	final String[] names;

	final long[] baseline;

	final long[] current;

	final long untrackedBaseline;

	final long untrackedCurrent;

	private CategoryTable(String[] names, long[] baseline, long[] current, long untrackedBaseline,
			long untrackedCurrent) {
		this.names = names;
		this.baseline = baseline;
		this.current = current;
		this.untrackedBaseline = untrackedBaseline;
		this.untrackedCurrent = untrackedCurrent;
	}

	static CategoryTable of(CategoryCounts counts) {
		List<String> categories = counts.categories();
		long[] baselineByCategory = counts.baselineByCategory();
		long[] currentByCategory = counts.currentByCategory();
		Integer[] order = new Integer[categories.size()];
		int present = 0;
		for (int i = 0; i < order.length; i++) {
			if (baselineByCategory[i] + currentByCategory[i] > 0) {
				order[present++] = i;
			}
		}
		Integer[] sorted = Arrays.copyOf(order, present);
		Arrays.sort(sorted, Comparator.comparing(categories::get));
		String[] names = new String[present];
		long[] baseline = new long[present];
		long[] current = new long[present];
		for (int k = 0; k < present; k++) {
			names[k] = categories.get(sorted[k]);
			baseline[k] = baselineByCategory[sorted[k]];
			current[k] = currentByCategory[sorted[k]];
		}
		return new CategoryTable(names, baseline, current, counts.untrackedBaseline(), counts.untrackedCurrent());
	}

	/** Distinct categories in either window, the untracked ones as one. */
	int distinct() {
		return this.names.length + ((this.untrackedBaseline + this.untrackedCurrent > 0) ? 1 : 0);
	}

	/**
	 * The indexes of the baseline's top categories in bin order: among the first
	 * {@code eligible} (the tracked ones), at most {@code maxCategories} with a baseline
	 * count above zero, by count descending then index (so category) ascending. A bounded
	 * insertion: most categories lose to the last of the top at one comparison.
	 */
	static int[] top(long[] baselineByCategory, int eligible, int maxCategories) {
		int[] top = new int[Math.min(maxCategories, eligible)];
		int size = 0;
		for (int index = 0; index < eligible; index++) {
			long count = baselineByCategory[index];
			// Ascending indexes: an equal count ranks after those already in.
			if (count == 0 || (size == top.length && count <= baselineByCategory[top[size - 1]])) {
				continue;
			}
			int at = (size < top.length) ? size++ : size - 1;
			while (at > 0 && baselineByCategory[top[at - 1]] < count) {
				top[at] = top[at - 1];
				at--;
			}
			top[at] = index;
		}
		return Arrays.copyOf(top, size);
	}

	/**
	 * Bin counts for the given top categories: bin i the count of {@code top[i]}, the
	 * last bin the window's total less the top categories' counts.
	 */
	static long[] binCounts(long[] byCategory, int[] top, long total) {
		long[] bins = new long[top.length + 1];
		long inTop = 0;
		for (int i = 0; i < top.length; i++) {
			bins[i] = byCategory[top[i]];
			inTop += bins[i];
		}
		bins[top.length] = total - inTop;
		return bins;
	}

	/**
	 * PSI of the given counts per category, binned by the baseline's top categories among
	 * the first {@code eligible}.
	 */
	static double psi(long[] baselineByCategory, long[] currentByCategory, int eligible, int n, int m,
			int maxCategories, double smoothing) {
		int[] top = top(baselineByCategory, eligible, maxCategories);
		return Psi.value(binCounts(baselineByCategory, top, n), binCounts(currentByCategory, top, m), n, m, smoothing);
	}

}
