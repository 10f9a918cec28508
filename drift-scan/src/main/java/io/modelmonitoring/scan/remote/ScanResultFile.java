package io.modelmonitoring.scan.remote;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.modelmonitoring.scan.binning.BinnedWindows;
import io.modelmonitoring.scan.drift.CategoryCounts;
import io.modelmonitoring.scan.drift.DriftPValue;
import io.modelmonitoring.scan.lake.LogScanResult;
import io.modelmonitoring.scan.model.FeatureWindows;
import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.ModelSignals;
import io.modelmonitoring.scan.model.WindowSamples;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The one file a scan on another engine writes: per model its predictions binned (exact
 * §6 edges and counts), its segments and features, and the scan's counts of invalid
 * records and files; or, when the job failed, the reason. ml-service reads it back into
 * the {@link LogScanResult} an in-process scan gives, and judges drift with the same
 * code.
 * <p>
 * Doubles are written in their shortest form that reads back to the same bits, so the
 * bins survive the trip exactly. A window's sample (for the permutation test) is written
 * only where the p-value reads it ({@link DriftPValue#readsSamples}): small windows.
 *
 * @param result the scan's result (predictions sketched: its {@code WindowSamples} are
 * empty), or null when the job failed
 * @param figures how the job ran: files, tasks, passes, duration, for logs and sizing
 * @param error why the job failed, or null
 */
public record ScanResultFile(LogScanResult result, Map<String, Long> figures, String error) {

	private static final JsonFactory JSON = new JsonFactory();

	public static ScanResultFile succeeded(LogScanResult result, Map<String, Long> figures) {
		return new ScanResultFile(result, Map.copyOf(figures), null);
	}

	public static ScanResultFile failed(String error, Map<String, Long> figures) {
		return new ScanResultFile(null, Map.copyOf(figures), error);
	}

	public boolean failed() {
		return this.error != null;
	}

	public void write(OutputStream out) {
		try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			json.writeStartObject();
			json.writeNumberProperty("version", ScanJob.VERSION);
			json.writeName("figures");
			json.writeStartObject();
			for (Map.Entry<String, Long> figure : new TreeMap<>(this.figures).entrySet()) {
				json.writeNumberProperty(figure.getKey(), figure.getValue());
			}
			json.writeEndObject();
			if (this.error != null) {
				json.writeStringProperty("error", this.error);
			}
			else {
				writeResult(json, this.result);
			}
			json.writeEndObject();
		}
	}

	private static void writeResult(JsonGenerator json, LogScanResult result) {
		json.writeNumberProperty("invalidRecords", result.invalidRecords());
		json.writeNumberProperty("filesRead", result.filesRead());
		json.writeNumberProperty("unreadableFiles", result.unreadableFiles());
		json.writeArrayPropertyStart("models");
		for (ModelKey model : new TreeMap<>(result.samples()).keySet()) {
			ModelSignals signals = result.signals().get(model);
			if (signals == null || signals.predictions() == null) {
				throw new IllegalArgumentException("a result file holds sketched predictions; " + model + " has none");
			}
			json.writeStartObject();
			json.writeStringProperty("tenantId", model.tenantId());
			json.writeStringProperty("modelId", model.modelId());
			json.writeNumberProperty("ignoredSegmentValues", signals.ignoredSegmentValues());
			json.writeNumberProperty("ignoredFeatures", signals.ignoredFeatures());
			json.writeName("predictions");
			binned(json, signals.predictions());
			json.writeName("segments");
			json.writeStartObject();
			for (Map.Entry<String, BinnedWindows> segment : signals.segments().entrySet()) {
				json.writeName(segment.getKey());
				binned(json, segment.getValue());
			}
			json.writeEndObject();
			json.writeArrayPropertyStart("features");
			for (Map.Entry<String, FeatureWindows> feature : signals.features().entrySet()) {
				json.writeStartObject();
				json.writeStringProperty("name", feature.getKey());
				json.writeNumberProperty("unusable", feature.getValue().unusable());
				if (feature.getValue().numbers() != null) {
					json.writeName("numbers");
					binned(json, feature.getValue().numbers());
				}
				if (feature.getValue().categories() != null) {
					json.writeName("categories");
					categories(json, feature.getValue().categories());
				}
				json.writeEndObject();
			}
			json.writeEndArray();
			json.writeEndObject();
		}
		json.writeEndArray();
	}

	private static void binned(JsonGenerator json, BinnedWindows windows) {
		boolean samples = DriftPValue.readsSamples(windows.baselineCount(), windows.currentCount());
		json.writeStartObject();
		json.writeNumberProperty("baselineCount", windows.baselineCount());
		json.writeNumberProperty("currentCount", windows.currentCount());
		json.writeName("edges");
		json.writeArray(windows.edges(), 0, windows.edges().length);
		json.writeName("baselineCounts");
		json.writeArray(windows.baselineCounts(), 0, windows.baselineCounts().length);
		json.writeName("currentCounts");
		json.writeArray(windows.currentCounts(), 0, windows.currentCounts().length);
		double[] baseline = samples ? windows.baselineSample() : new double[0];
		double[] current = samples ? windows.currentSample() : new double[0];
		json.writeName("baselineSample");
		json.writeArray(baseline, 0, baseline.length);
		json.writeName("currentSample");
		json.writeArray(current, 0, current.length);
		json.writeEndObject();
	}

	private static void categories(JsonGenerator json, CategoryCounts counts) {
		json.writeStartObject();
		json.writeArrayPropertyStart("categories");
		for (String category : counts.categories()) {
			json.writeString(category);
		}
		json.writeEndArray();
		long[] baseline = counts.baselineByCategory();
		long[] current = counts.currentByCategory();
		json.writeName("baseline");
		json.writeArray(baseline, 0, baseline.length);
		json.writeName("current");
		json.writeArray(current, 0, current.length);
		json.writeNumberProperty("untrackedBaseline", counts.untrackedBaseline());
		json.writeNumberProperty("untrackedCurrent", counts.untrackedCurrent());
		json.writeEndObject();
	}

	/**
	 * Reads a result file.
	 * @throws IllegalArgumentException when it is not one, naming what is wrong
	 */
	public static ScanResultFile read(InputStream in) {
		Map<String, Object> json = JsonTree.read(in, "scan result file");
		long version = JsonTree.integer(json, "version");
		if (version != ScanJob.VERSION) {
			throw new IllegalArgumentException("scan result file version " + version + ", expected " + ScanJob.VERSION);
		}
		Map<String, Long> figures = new HashMap<>();
		JsonTree.object(json, "figures").forEach((name, value) -> {
			if (value instanceof Long number) {
				figures.put(name, number);
			}
		});
		if (json.get("error") != null) {
			return failed(JsonTree.string(json, "error"), figures);
		}
		Map<ModelKey, WindowSamples> samples = new HashMap<>();
		Map<ModelKey, ModelSignals> signals = new HashMap<>();
		for (Object item : JsonTree.list(json, "models")) {
			Map<String, Object> model = asObject(item, "models");
			ModelKey key = new ModelKey(JsonTree.string(model, "tenantId"), JsonTree.string(model, "modelId"));
			TreeMap<String, BinnedWindows> segments = new TreeMap<>();
			JsonTree.object(model, "segments")
				.forEach((name, windows) -> segments.put(name, binned(asObject(windows, name))));
			Map<String, FeatureWindows> features = new LinkedHashMap<>();
			for (Object featureItem : JsonTree.list(model, "features")) {
				Map<String, Object> feature = asObject(featureItem, "features");
				Map<String, Object> numbers = JsonTree.optionalObject(feature, "numbers");
				Map<String, Object> categories = JsonTree.optionalObject(feature, "categories");
				features.put(JsonTree.string(feature, "name"),
						new FeatureWindows((numbers != null) ? binned(numbers) : null,
								(categories != null) ? categories(categories) : null,
								JsonTree.integer(feature, "unusable")));
			}
			samples.put(key, new WindowSamples());
			signals.put(key,
					new ModelSignals(segments, features, JsonTree.integer(model, "ignoredSegmentValues"),
							Math.toIntExact(JsonTree.integer(model, "ignoredFeatures")),
							binned(JsonTree.object(model, "predictions"))));
		}
		LogScanResult result = new LogScanResult(samples, signals, JsonTree.integer(json, "invalidRecords"),
				Math.toIntExact(JsonTree.integer(json, "filesRead")),
				Math.toIntExact(JsonTree.integer(json, "unreadableFiles")));
		return succeeded(result, figures);
	}

	private static BinnedWindows binned(Map<String, Object> json) {
		return new BinnedWindows(JsonTree.doubles(json, "edges"), JsonTree.longs(json, "baselineCounts"),
				JsonTree.longs(json, "currentCounts"), JsonTree.integer(json, "baselineCount"),
				JsonTree.integer(json, "currentCount"), JsonTree.doubles(json, "baselineSample"),
				JsonTree.doubles(json, "currentSample"));
	}

	private static CategoryCounts categories(Map<String, Object> json) {
		List<String> categories = new ArrayList<>(JsonTree.strings(json, "categories"));
		return CategoryCounts.restored(categories, JsonTree.longs(json, "baseline"), JsonTree.longs(json, "current"),
				JsonTree.integer(json, "untrackedBaseline"), JsonTree.integer(json, "untrackedCurrent"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asObject(Object value, String field) {
		if (!(value instanceof Map)) {
			throw new IllegalArgumentException("'" + field + "' must hold JSON objects");
		}
		return (Map<String, Object>) value;
	}

}
