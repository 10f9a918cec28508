package io.modelmonitoring.mlservice.report;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.modelmonitoring.contracts.HistogramBin;

/**
 * The ranges of a drift result's bins as a person reads them. A bin holds
 * {@code lower < v ≤ upper}. A point mass e has a bin bounded below by the largest double
 * under e: that bin holds e alone and reads "= e", and the bin under it ends before e.
 * The edges print in as few significant digits (at least four) as keep them apart. The
 * bins of a feature of categories have no edges: each is labelled by its category, and
 * the last, which holds every other category, {@value #OTHER_CATEGORIES}.
 */
final class RangeLabels {

	static final String OTHER_CATEGORIES = "other categories";

	private RangeLabels() {
	}

	static List<String> of(List<HistogramBin> histogram) {
		if (ofCategories(histogram)) {
			return histogram.stream()
				.map((bin) -> (bin.category() != null) ? bin.category() : OTHER_CATEGORIES)
				.toList();
		}
		int digits = digitsToTellApart(histogram);
		List<String> labels = new ArrayList<>(histogram.size());
		for (HistogramBin bin : histogram) {
			Double lower = bin.lower();
			Double upper = bin.upper();
			boolean endsBeforeMass = upper != null && isBelowEdge(histogram, upper);
			String upperText = (upper == null) ? null
					: Numbers.significant(endsBeforeMass ? Math.nextUp(upper) : upper, digits);
			if (lower == null && upper == null) {
				labels.add("all");
			}
			else if (lower == null) {
				labels.add((endsBeforeMass ? "< " : "≤ ") + upperText);
			}
			else if (upper == null) {
				labels.add("> " + Numbers.significant(lower, digits));
			}
			else if (lower == Math.nextDown(upper)) {
				labels.add("= " + upperText);
			}
			else {
				labels.add("(" + Numbers.significant(lower, digits) + ", " + upperText + (endsBeforeMass ? ")" : "]"));
			}
		}
		return labels;
	}

	/**
	 * Bins of categories: one carries a category, or none has an edge (a numeric
	 * comparison has K ≥ 2 bins, so at least one edge).
	 */
	private static boolean ofCategories(List<HistogramBin> histogram) {
		return histogram.stream().anyMatch((bin) -> bin.category() != null) || (histogram.size() > 1
				&& histogram.stream().allMatch((bin) -> bin.lower() == null && bin.upper() == null));
	}

	/** An edge that is the largest double under the next edge, a point mass. */
	private static boolean isBelowEdge(List<HistogramBin> histogram, double edge) {
		return histogram.stream()
			.anyMatch((bin) -> bin.lower() != null && bin.lower() == edge && bin.upper() != null
					&& edge == Math.nextDown(bin.upper()));
	}

	private static int digitsToTellApart(List<HistogramBin> histogram) {
		TreeSet<Double> shown = new TreeSet<>();
		for (HistogramBin bin : histogram) {
			if (bin.upper() != null) {
				shown.add(isBelowEdge(histogram, bin.upper()) ? Math.nextUp(bin.upper()) : bin.upper());
			}
		}
		for (int digits = 4; digits < 17; digits++) {
			int finalDigits = digits;
			if (shown.stream().map((value) -> Numbers.significant(value, finalDigits)).distinct().count() == shown
				.size()) {
				return digits;
			}
		}
		return 17;
	}

}
