package io.modelmonitoring.scan.binning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Feeds a group's two windows through the passes the scan would run: the values split
 * into consecutive "files" of random sizes, one collector per file, merged in file order,
 * and pass 2 (and any further pass) reading the same files again.
 */
final class GroupFeed {

	/** More passes than this means the counters never converge. */
	static final int MAX_PASSES = 6;

	private final List<double[]> baselineFiles;

	private final List<double[]> currentFiles;

	private int passes;

	GroupFeed(double[] baseline, double[] current, int files, SplittableRandom random) {
		this.baselineFiles = split(baseline, files, random);
		this.currentFiles = split(current, files, random);
	}

	WindowSketch sketch() {
		WindowSketch merged = null;
		for (int f = 0; f < this.baselineFiles.size(); f++) {
			WindowSketch file = new WindowSketch();
			for (double value : this.baselineFiles.get(f)) {
				file.addBaseline(value);
			}
			for (double value : this.currentFiles.get(f)) {
				file.addCurrent(value);
			}
			if (merged == null) {
				merged = file;
			}
			else {
				merged.merge(file);
			}
		}
		return merged;
	}

	/** Counts with counters from {@code fresh}, widening until the counts are exact. */
	BinnedWindows count(Function<Integer, BinCounter> fresh) {
		BinCounter pass = countOnce(fresh);
		this.passes = 2;
		Optional<BinnedWindows> binned = pass.binned();
		while (binned.isEmpty()) {
			if (this.passes == MAX_PASSES) {
				throw new AssertionError("no exact bins after " + MAX_PASSES + " passes");
			}
			BinCounter widened = pass;
			pass = countOnce((file) -> widened.widened());
			this.passes++;
			binned = pass.binned();
		}
		return binned.get();
	}

	/** The passes the last {@link #count} read the data in, pass 1 included. */
	int passes() {
		return this.passes;
	}

	private BinCounter countOnce(Function<Integer, BinCounter> fresh) {
		BinCounter merged = null;
		for (int f = 0; f < this.baselineFiles.size(); f++) {
			BinCounter file = fresh.apply(f);
			for (double value : this.baselineFiles.get(f)) {
				file.addBaseline(value);
			}
			for (double value : this.currentFiles.get(f)) {
				file.addCurrent(value);
			}
			if (merged == null) {
				merged = file;
			}
			else {
				merged.merge(file);
			}
		}
		return merged;
	}

	private static List<double[]> split(double[] values, int files, SplittableRandom random) {
		int[] cuts = new int[files + 1];
		cuts[files] = values.length;
		for (int f = 1; f < files; f++) {
			cuts[f] = random.nextInt(values.length + 1);
		}
		java.util.Arrays.sort(cuts);
		List<double[]> split = new ArrayList<>(files);
		for (int f = 0; f < files; f++) {
			split.add(java.util.Arrays.copyOfRange(values, cuts[f], cuts[f + 1]));
		}
		return split;
	}

}
