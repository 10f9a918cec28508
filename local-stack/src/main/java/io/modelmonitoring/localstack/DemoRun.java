package io.modelmonitoring.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One model-monitoring job through the real path: a manual trigger at the orchestrator,
 * the trigger message to the worker, the worker's call to ml-service, the events on the
 * exchange. It then tells what happened, model by model.
 */
final class DemoRun {

	/**
	 * What one job ended as: its outcome event, the run ml-service kept, the run's
	 * events, and the file its HTML report was saved to (null when the job failed).
	 */
	record Outcome(JsonNode jobEvent, JsonNode run, List<JsonNode> events, Path report) {

		boolean completed() {
			return "workflow.job.completed".equals(this.jobEvent.path("type").asString());
		}

	}

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json;

	private final String token;

	/**
	 * @param token a bearer token both APIs take
	 */
	DemoRun(JsonMapper json, String token) {
		this.json = json;
		this.token = token;
	}

	/**
	 * @param reports the directory the run's report is saved in, as {@code <runId>.html}
	 */
	Outcome run(EventTap tap, String orchestratorUrl, String mlServiceUrl, Duration timeout, Path reports)
			throws IOException, InterruptedException {
		HttpResponse<String> accepted = this.http
			.send(HttpRequest.newBuilder(URI.create(orchestratorUrl + "/api/v1/workflow/jobs/model-monitoring/trigger"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + this.token)
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (accepted.statusCode() != 202) {
			throw new IllegalStateException(
					"the orchestrator refused the trigger: " + accepted.statusCode() + " " + accepted.body());
		}
		String triggerId = this.json.readTree(accepted.body()).path("triggerId").asString();
		JsonNode jobEvent = tap.await((event) -> triggerId.equals(event.path("data").path("triggerId").asString()),
				timeout);
		if (jobEvent == null) {
			throw new IllegalStateException("no outcome for trigger " + triggerId + " within " + timeout);
		}
		String runId = jobEvent.path("data").path("runId").asString(null);
		JsonNode run = (runId != null) ? fetchRun(mlServiceUrl, runId) : null;
		List<JsonNode> events = tap.passedOver()
			.stream()
			.filter((event) -> runId != null && runId.equals(event.path("correlationId").asString()))
			.toList();
		Path report = (run != null) ? saveReport(mlServiceUrl, runId, reports) : null;
		return new Outcome(jobEvent, run, events, report);
	}

	/** Fetches the run's report as an operator would, and keeps it as a file. */
	private Path saveReport(String mlServiceUrl, String runId, Path reports) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = this.http
			.send(HttpRequest.newBuilder(URI.create(mlServiceUrl + reportPath(runId)))
				.header("Authorization", "Bearer " + this.token)
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("ml-service answered " + response.statusCode() + " for the report of run "
					+ runId + ": " + new String(response.body(), StandardCharsets.UTF_8));
		}
		Files.createDirectories(reports);
		return Files.write(reports.resolve(runId + ".html"), response.body());
	}

	static String reportPath(String runId) {
		return "/api/v1/ml/model-monitoring/runs/" + runId + "/report";
	}

	private JsonNode fetchRun(String mlServiceUrl, String runId) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(mlServiceUrl + "/api/v1/ml/model-monitoring/runs/" + runId))
				.header("Authorization", "Bearer " + this.token)
				.build(), HttpResponse.BodyHandlers.ofString());
		return (response.statusCode() == 200) ? this.json.readTree(response.body()) : null;
	}

	static void print(Outcome outcome, PrintStream out) {
		JsonNode data = outcome.jobEvent().path("data");
		out.println();
		out.printf("Job %s: %s (trigger %s, run %s, %d ms, %d attempt(s))%n", data.path("job").asString(),
				outcome.completed() ? "completed" : "FAILED", data.path("triggerId").asString(),
				data.path("runId").asString("-"), data.path("durationMs").asLong(), data.path("attempts").asInt());
		if (!outcome.completed()) {
			out.println("  error: " + data.path("error").asString());
			return;
		}
		JsonNode result = outcome.run().path("result");
		out.printf(
				"  %d tenants, %d performance checks (%d degraded), %d drift checks (%d drifted, %d skipped), "
						+ "%d invalid evaluations, %d invalid log lines%n%n",
				result.path("tenants").asInt(), result.path("performanceChecked").asInt(),
				result.path("performanceDegraded").asInt(), result.path("driftChecked").asInt(),
				result.path("driftDetected").asInt(), result.path("driftSkipped").asInt(),
				result.path("invalidEvaluations").asInt(), result.path("invalidRecords").asLong());
		out.printf("  %-10s %-16s %-30s %-7s %-7s %s%n", "TENANT", "MODEL", "PSI (p-value, baseline/current)", "BRIER",
				"MAE", "VERDICT");
		for (JsonNode model : result.path("results")) {
			out.printf("  %-10s %-16s %-30s %-7s %-7s %s%n", model.path("tenantId").asString(),
					model.path("modelId").asString(), psi(model), number(model.path("brier")),
					number(model.path("mae")), verdict(model));
		}
		out.println();
		printSignals(result, out);
		out.println();
		out.printf("Events on %s for this run (%d):%n", EventTap.EXCHANGE, outcome.events().size());
		for (JsonNode event : outcome.events()) {
			JsonNode eventData = event.path("data");
			String detail = switch (event.path("type").asString()) {
				case "ml.model.drift.detected" -> String.format(Locale.ROOT, "psi=%.3f threshold=%s p=%s%s",
						eventData.path("delta").asDouble(), eventData.path("threshold").asString(),
						pValue(eventData.path("pValue").asDouble()), signal(eventData));
				case "ml.model.volume.dropped" -> String.format(Locale.ROOT, "observed=%d expected=%.0f",
						eventData.path("observed").asInt(), eventData.path("expected").asDouble());
				default -> String.format(Locale.ROOT, "%s=%s threshold=%s%s", eventData.path("metric").asString(),
						eventData.path("value").asString(), eventData.path("threshold").asString(), signal(eventData));
			};
			out.printf("  %-30s %-10s %-16s %s%n", event.path("type").asString(), event.path("tenantId").asString(),
					eventData.path("modelId").asString(), detail);
		}
		out.printf("  %-30s job=%s runId=%s%n", outcome.jobEvent().path("type").asString(), data.path("job").asString(),
				data.path("runId").asString());
		out.println();
		out.println("Report of this run (bins per drifted model, trends): " + outcome.report().toUri());
	}

	/**
	 * What the segments and input features of each model showed, from the run's
	 * {@code results[].segments} and {@code features}: the counts, then each drifted or
	 * degraded one beside what the model as a whole did.
	 */
	static void printSignals(JsonNode result, PrintStream out) {
		JsonNode counts = result.path("signals");
		out.printf(
				"  Segments and input features: %d segment PSIs (%d drifted, %d skipped), %d segment metrics"
						+ " (%d degraded), %d feature PSIs (%d drifted, %d skipped)%n",
				counts.path("segmentsChecked").asInt(), counts.path("segmentsDrifted").asInt(),
				counts.path("segmentsSkipped").asInt(), counts.path("segmentMetricsChecked").asInt(),
				counts.path("segmentMetricsDegraded").asInt(), counts.path("featuresChecked").asInt(),
				counts.path("featuresDrifted").asInt(), counts.path("featuresSkipped").asInt());
		int told = 0;
		for (JsonNode model : result.path("results")) {
			String name = model.path("modelId").asString() + " of " + model.path("tenantId").asString();
			String whole = model.path("drift").asBoolean() ? "the model as a whole drifted too"
					: String.format(Locale.ROOT, "the model as a whole did not (PSI %s)", number(model.path("psi")));
			for (JsonNode segment : model.path("segments")) {
				if (segment.path("drift").asBoolean()) {
					out.printf("    %s: %s drifted (%s); %s%n", name, segment.path("segment").asString(),
							signalPsi(segment), whole);
					told++;
				}
				for (JsonNode metric : segment.path("degraded")) {
					String key = metric.asString();
					out.printf("    %s: %s %s %s DEGRADED (the model as a whole: %s)%n", name,
							segment.path("segment").asString(), key.toUpperCase(Locale.ROOT),
							number(segment.path("metrics").path(key)), number(model.path(key)));
					told++;
				}
			}
			for (JsonNode feature : model.path("features")) {
				if (feature.path("drift").asBoolean()) {
					out.printf("    %s: input feature %s drifted (%s); %s%n", name, feature.path("feature").asString(),
							signalPsi(feature), model.path("drift").asBoolean() ? "its predictions drifted too" : String
								.format(Locale.ROOT, "its predictions did not (PSI %s)", number(model.path("psi"))));
					told++;
				}
			}
		}
		if (told == 0) {
			out.println("    no segment or feature drifted or degraded");
		}
	}

	private static String signalPsi(JsonNode signal) {
		return String.format(Locale.ROOT, "PSI %.2f, adjusted p %s, %d/%d", signal.path("psi").asDouble(),
				pValue(signal.path("adjustedPValue").asDouble()), signal.path("baselineCount").asInt(),
				signal.path("currentCount").asInt());
	}

	/** The segment or input feature an event is about, or nothing for the model. */
	private static String signal(JsonNode eventData) {
		String segment = eventData.path("segment").asString(null);
		String feature = eventData.path("feature").asString(null);
		if (segment != null) {
			return " segment=" + segment;
		}
		return (feature != null && !feature.equals("prediction")) ? " feature=" + feature : "";
	}

	private static String psi(JsonNode model) {
		if (model.path("psi").isNull() || model.path("psi").isMissingNode()) {
			return model.path("baselineCount").isNull() ? "-" : String.format("skipped (%d/%d)",
					model.path("baselineCount").asInt(), model.path("currentCount").asInt());
		}
		return String.format(Locale.ROOT, "%.3f (p=%s, %d/%d)", model.path("psi").asDouble(),
				pValue(model.path("pValue").asDouble()), model.path("baselineCount").asInt(),
				model.path("currentCount").asInt());
	}

	/** Below 1e-4 a p-value only says "not sampling noise"; its digits would be noise. */
	private static String pValue(double pValue) {
		return (pValue < 1e-4) ? "<0.0001" : String.format(Locale.ROOT, "%.2g", pValue);
	}

	private static String number(JsonNode value) {
		return (value.isNull() || value.isMissingNode()) ? "-" : String.format(Locale.ROOT, "%.3f", value.asDouble());
	}

	private static String verdict(JsonNode model) {
		StringBuilder verdict = new StringBuilder();
		if (model.path("drift").asBoolean()) {
			verdict.append("DRIFT ");
		}
		for (JsonNode metric : model.path("degraded")) {
			verdict.append(metric.asString().toUpperCase(Locale.ROOT)).append(" DEGRADED ");
		}
		if (verdict.isEmpty() && model.path("psi").isNull() && !model.path("baselineCount").isNull()) {
			verdict.append("too few samples for PSI");
		}
		return verdict.isEmpty() ? "ok" : verdict.toString().trim();
	}

}
