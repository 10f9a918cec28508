package io.modelmonitoring.scan.drift;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Category counts of one group (one feature of one model), both windows, bounded. Not
 * thread-safe.
 * <p>
 * At most {@value #MAX_TRACKED} distinct categories are tracked; the values of a category
 * first seen after that are only counted, in {@link #untracked()}, and fall in the
 * "other" bin of {@link CategoricalPsi}. Null is no category: a caller that wants missing
 * values compared names them (for instance "null").
 */
public final class CategoryCounts implements Serializable {

	/**
	 * Distinct categories tracked per group. A feature with more distinct values than
	 * this is an identifier or free text rather than a category, and for it the top
	 * {@code maxCategories} (20 by default) bins are chosen among the first ten thousand
	 * values seen, which only an adversarial order of arrival could mislead. The bound
	 * keeps a group at about a megabyte at worst (a short string, its map entry and two
	 * counts are under 100 bytes), and a group that never reaches it costs what it holds.
	 */
	public static final int MAX_TRACKED = 10_000;

	/** Category → its index in {@link #categories} and the count arrays. */
	private final Map<String, Integer> indexes = new HashMap<>();

	/** In the order first seen, which makes {@link #merge} deterministic. */
	private final List<String> categories = new ArrayList<>();

	private long[] baselineByCategory = new long[16];

	private long[] currentByCategory = new long[16];

	private long baselineCount;

	private long currentCount;

	private long untrackedBaseline;

	private long untrackedCurrent;

	public CategoryCounts() {
	}

	/**
	 * Counts as {@link #categories} and its siblings gave them, e.g. read back from a
	 * result file: the tracked categories in the order first seen, each one's counts, and
	 * the untracked counts.
	 */
	public static CategoryCounts restored(List<String> categories, long[] baselineByCategory, long[] currentByCategory,
			long untrackedBaseline, long untrackedCurrent) {
		if (categories.size() != baselineByCategory.length || categories.size() != currentByCategory.length
				|| categories.size() > MAX_TRACKED) {
			throw new IllegalArgumentException("category counts need one baseline and one current count a category");
		}
		CategoryCounts counts = new CategoryCounts();
		for (int i = 0; i < categories.size(); i++) {
			if (counts.indexes.containsKey(categories.get(i))) {
				throw new IllegalArgumentException("category listed twice: " + categories.get(i));
			}
			counts.add(categories.get(i), baselineByCategory[i], currentByCategory[i]);
		}
		counts.baselineCount += untrackedBaseline;
		counts.currentCount += untrackedCurrent;
		counts.untrackedBaseline = untrackedBaseline;
		counts.untrackedCurrent = untrackedCurrent;
		return counts;
	}

	public void addBaseline(String category) {
		add(category, 1, 0);
	}

	public void addCurrent(String category) {
		add(category, 0, 1);
	}

	/**
	 * Adds the counts of {@code later}, a group read after this one: its categories
	 * unknown here are tracked in the order it first saw them, while there is room.
	 */
	public void merge(CategoryCounts later) {
		for (int i = 0; i < later.categories.size(); i++) {
			add(later.categories.get(i), later.baselineByCategory[i], later.currentByCategory[i]);
		}
		this.baselineCount += later.untrackedBaseline;
		this.currentCount += later.untrackedCurrent;
		this.untrackedBaseline += later.untrackedBaseline;
		this.untrackedCurrent += later.untrackedCurrent;
	}

	public long baselineCount() {
		return this.baselineCount;
	}

	public long currentCount() {
		return this.currentCount;
	}

	/**
	 * Values of categories first seen after MAX_TRACKED distinct ones were tracked (they
	 * count as "other").
	 */
	public long untracked() {
		return this.untrackedBaseline + this.untrackedCurrent;
	}

	/** The tracked categories, in the order first seen. */
	public List<String> categories() {
		return List.copyOf(this.categories);
	}

	/**
	 * The baseline count of each tracked category, in the order of {@link #categories}.
	 */
	public long[] baselineByCategory() {
		return Arrays.copyOf(this.baselineByCategory, this.categories.size());
	}

	public long[] currentByCategory() {
		return Arrays.copyOf(this.currentByCategory, this.categories.size());
	}

	public long untrackedBaseline() {
		return this.untrackedBaseline;
	}

	public long untrackedCurrent() {
		return this.untrackedCurrent;
	}

	private void add(String category, long baseline, long current) {
		Objects.requireNonNull(category, "category");
		this.baselineCount += baseline;
		this.currentCount += current;
		Integer index = this.indexes.get(category);
		if (index == null) {
			if (this.categories.size() >= MAX_TRACKED) {
				this.untrackedBaseline += baseline;
				this.untrackedCurrent += current;
				return;
			}
			index = this.categories.size();
			this.indexes.put(category, index);
			this.categories.add(category);
			if (index == this.baselineByCategory.length) {
				this.baselineByCategory = Arrays.copyOf(this.baselineByCategory, 2 * index);
				this.currentByCategory = Arrays.copyOf(this.currentByCategory, 2 * index);
			}
		}
		this.baselineByCategory[index] += baseline;
		this.currentByCategory[index] += current;
	}

}
