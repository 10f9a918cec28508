package io.modelmonitoring.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import io.modelmonitoring.scan.binning.BinnedWindows;
import io.modelmonitoring.scan.drift.CategoryCounts;
import io.modelmonitoring.scan.lake.LogScanResult;
import io.modelmonitoring.scan.model.FeatureWindows;
import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.ModelSignals;
import io.modelmonitoring.scan.model.WindowSamples;

/**
 * A SHA-256 over everything a scan gives: the counts, every model's predictions in order,
 * and every segment's and feature's edges, bin counts and samples, to the bit. Two builds
 * whose scans of one lake print the same digest gave the same result; the benchmark
 * prints it so that a change meant to be faster only can be checked to be so.
 */
final class ResultDigest {

	private final MessageDigest sha;

	private final ByteBuffer word = ByteBuffer.allocate(Long.BYTES);

	private ResultDigest() {
		try {
			this.sha = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	static String of(LogScanResult result) {
		ResultDigest digest = new ResultDigest();
		digest.add(result);
		return HexFormat.of().formatHex(digest.sha.digest());
	}

	private void add(LogScanResult result) {
		number(result.invalidRecords());
		number(result.filesRead());
		number(result.unreadableFiles());
		for (Map.Entry<ModelKey, WindowSamples> entry : new TreeMap<>(result.samples()).entrySet()) {
			text(entry.getKey().tenantId());
			text(entry.getKey().modelId());
			values(entry.getValue().baseline().toArray());
			values(entry.getValue().current().toArray());
			ModelSignals signals = result.signals().get(entry.getKey());
			number((signals != null) ? 1 : 0);
			if (signals != null) {
				add(signals);
			}
		}
	}

	private void add(ModelSignals signals) {
		number(signals.segments().size());
		signals.segments().forEach((segment, binned) -> {
			text(segment);
			add(binned);
		});
		number(signals.features().size());
		for (Map.Entry<String, FeatureWindows> entry : signals.features().entrySet()) {
			text(entry.getKey());
			add(entry.getValue().numbers());
			CategoryCounts categories = entry.getValue().categories();
			number((categories != null) ? categories.baselineCount() : -1);
			number((categories != null) ? categories.currentCount() : -1);
			number(entry.getValue().unusable());
		}
		number(signals.ignoredSegmentValues());
		number(signals.ignoredFeatures());
	}

	private void add(BinnedWindows binned) {
		number((binned != null) ? 1 : 0);
		if (binned == null) {
			return;
		}
		values(binned.edges());
		counts(binned.baselineCounts());
		counts(binned.currentCounts());
		number(binned.baselineCount());
		number(binned.currentCount());
		values(binned.baselineSample());
		values(binned.currentSample());
	}

	private void values(double[] values) {
		number(values.length);
		for (double value : values) {
			number(Double.doubleToRawLongBits(value));
		}
	}

	private void counts(long[] counts) {
		number(counts.length);
		for (long count : counts) {
			number(count);
		}
	}

	private void text(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		number(bytes.length);
		this.sha.update(bytes);
	}

	private void number(long value) {
		this.sha.update(this.word.clear().putLong(value).array());
	}

}
