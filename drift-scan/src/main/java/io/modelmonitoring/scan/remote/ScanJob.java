package io.modelmonitoring.scan.remote;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Map;

import io.modelmonitoring.scan.lake.LogScanRequest;
import io.modelmonitoring.scan.lake.ScanSignals;
import io.modelmonitoring.scan.model.TimeWindow;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * What a scan on another engine (the Spark job) is asked to do: the directory that holds
 * the day partitions, as a URI the engine's file system reads ({@code file:/…},
 * {@code abfss://container@account.dfs.core.windows.net/ml_inference_logs}), and the
 * request. Travels as a small JSON document, written by ml-service, read by the job.
 *
 * @param logs the directory holding {@code year=YYYY/month=MM/day=DD}
 * @param request the windows, tenants and signals
 */
public record ScanJob(String logs, LogScanRequest request) {

	static final int VERSION = 1;

	private static final JsonFactory JSON = new JsonFactory();

	public byte[] toJson() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		write(out);
		return out.toByteArray();
	}

	public void write(OutputStream out) {
		try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			json.writeStartObject();
			json.writeNumberProperty("version", VERSION);
			json.writeStringProperty("logs", this.logs);
			window(json, "baseline", this.request.baseline());
			window(json, "current", this.request.current());
			json.writeArrayPropertyStart("tenantIds");
			for (String tenant : this.request.tenantIds().stream().sorted().toList()) {
				json.writeString(tenant);
			}
			json.writeEndArray();
			ScanSignals signals = this.request.signals();
			json.writeName("signals");
			json.writeStartObject();
			json.writeArrayPropertyStart("dimensions");
			for (String dimension : signals.dimensions()) {
				json.writeString(dimension);
			}
			json.writeEndArray();
			json.writeNumberProperty("maxSegmentValues", signals.maxSegmentValues());
			json.writeBooleanProperty("features", signals.features());
			json.writeNumberProperty("maxFeatures", signals.maxFeatures());
			json.writeNumberProperty("bins", signals.bins());
			json.writeBooleanProperty("sketchPredictions", signals.sketchPredictions());
			json.writeEndObject();
			json.writeEndObject();
		}
	}

	private static void window(JsonGenerator json, String name, TimeWindow window) {
		json.writeName(name);
		json.writeStartObject();
		json.writeStringProperty("from", window.from().toString());
		json.writeStringProperty("to", window.to().toString());
		json.writeEndObject();
	}

	/**
	 * Reads a job's request.
	 * @throws IllegalArgumentException naming the field that is missing or wrong
	 */
	public static ScanJob read(InputStream in) {
		Map<String, Object> json = JsonTree.read(in, "scan job request");
		long version = JsonTree.integer(json, "version");
		if (version != VERSION) {
			throw new IllegalArgumentException("scan job request version " + version + ", this job reads " + VERSION);
		}
		Map<String, Object> signals = JsonTree.object(json, "signals");
		ScanSignals scanSignals = new ScanSignals(JsonTree.strings(signals, "dimensions"),
				Math.toIntExact(JsonTree.integer(signals, "maxSegmentValues")), JsonTree.bool(signals, "features"),
				Math.toIntExact(JsonTree.integer(signals, "maxFeatures")),
				Math.toIntExact(JsonTree.integer(signals, "bins")), JsonTree.bool(signals, "sketchPredictions"));
		LogScanRequest request = new LogScanRequest(window(json, "baseline"), window(json, "current"),
				new LinkedHashSet<>(JsonTree.strings(json, "tenantIds")), scanSignals);
		return new ScanJob(JsonTree.string(json, "logs"), request);
	}

	private static TimeWindow window(Map<String, Object> json, String name) {
		Map<String, Object> window = JsonTree.object(json, name);
		try {
			return new TimeWindow(Instant.parse(JsonTree.string(window, "from")),
					Instant.parse(JsonTree.string(window, "to")));
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("'" + name + "' must have ISO-8601 instants 'from' and 'to'", ex);
		}
	}

}
