package io.modelmonitoring.scan.drift;

import java.util.HashMap;
import java.util.Map;

/** TEMPORARY stand-in, replaced by the bounded implementation. */
public final class CategoryCounts {

	public static final int MAX_TRACKED = 10_000;

	final Map<String, long[]> counts = new HashMap<>();

	long baseline;

	long current;

	public void addBaseline(String category) {
		this.counts.computeIfAbsent(category, (c) -> new long[2])[0]++;
		this.baseline++;
	}

	public void addCurrent(String category) {
		this.counts.computeIfAbsent(category, (c) -> new long[2])[1]++;
		this.current++;
	}

	public void merge(CategoryCounts later) {
		later.counts.forEach((k, v) -> {
			long[] mine = this.counts.computeIfAbsent(k, (c) -> new long[2]);
			mine[0] += v[0];
			mine[1] += v[1];
		});
		this.baseline += later.baseline;
		this.current += later.current;
	}

	public long baselineCount() {
		return this.baseline;
	}

	public long currentCount() {
		return this.current;
	}

	public long untracked() {
		return 0;
	}

}
