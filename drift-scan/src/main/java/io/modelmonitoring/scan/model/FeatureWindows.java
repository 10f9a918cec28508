package io.modelmonitoring.scan.model;

import io.modelmonitoring.scan.binning.BinnedWindows;
import io.modelmonitoring.scan.drift.CategoryCounts;

/**
 * What a scan gathered of one input feature of one model: its numeric values, binned, and
 * its string and boolean values, counted as categories. A feature is checked as the kind
 * most of its values are; the values of the other kind count as unusable.
 *
 * @param numbers the numeric values of both windows, null when there were none
 * @param categories the category values of both windows, null when there were none
 * @param unusable values that were null, an array, an object, or not a finite number
 */
public record FeatureWindows(BinnedWindows numbers, CategoryCounts categories, long unusable) {

	public long numericValues() {
		return (this.numbers != null) ? this.numbers.baselineCount() + this.numbers.currentCount() : 0;
	}

	public long categoryValues() {
		return (this.categories != null) ? this.categories.baselineCount() + this.categories.currentCount() : 0;
	}

	/**
	 * Whether the feature is checked as categories: more of its values are categories.
	 */
	public boolean categorical() {
		return categoryValues() > numericValues();
	}

}
