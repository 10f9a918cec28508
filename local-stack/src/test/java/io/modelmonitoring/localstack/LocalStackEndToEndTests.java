package io.modelmonitoring.localstack;

import java.io.ByteArrayOutputStream;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack the README's run command starts, started here with ports of its own: embedded
 * broker and MongoDB, the three services from their packaged jars, the demo data, and one
 * job through the whole path: trigger, worker, ml-service, events.
 */
class LocalStackEndToEndTests {

	@Test
	void theDemoJobRunsThroughTheWholePathAndTellsItsStory(@TempDir Path dataDir) throws Exception {
		Path projectDir = Path.of("").toAbsolutePath().getParent();
		StackOptions options = new StackOptions(true, true, dataDir, 42, EmbeddedInfrastructureTests.freePort(),
				EmbeddedInfrastructureTests.freePort(), EmbeddedInfrastructureTests.freePort(),
				EmbeddedInfrastructureTests.freePort(), EmbeddedInfrastructureTests.freePort(),
				EmbeddedInfrastructureTests.freePort(), null, null, projectDir);
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		try (LocalStack stack = LocalStack.create(options, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
			DemoRun.Outcome outcome = stack.start();
			String output = printed.toString(StandardCharsets.UTF_8);
			assertThat(outcome.completed()).as(output).isTrue();

			JsonNode result = outcome.run().path("result");
			assertThat(result.path("tenants").asInt()).isEqualTo(3);
			assertThat(result.path("driftDetected").asInt()).isEqualTo(1);
			assertThat(result.path("driftSkipped").asInt()).isEqualTo(1);
			assertThat(result.path("performanceDegraded").asInt()).isEqualTo(2);
			assertThat(result.path("invalidEvaluations").asInt()).isEqualTo(3);
			assertThat(result.path("invalidRecords").asLong()).isEqualTo(3);
			// Every record lies a whole number of days' worth before asOf: 30 baseline
			// days
			// of 120 a day, 7 current days of 120 (of 3 for globex/forecasting).
			for (JsonNode model : result.path("results")) {
				boolean sparse = model.path("modelId").asString().equals("forecasting");
				assertThat(model.path("baselineCount").asInt()).as(model.toString()).isEqualTo(3600);
				assertThat(model.path("currentCount").asInt()).as(model.toString()).isEqualTo(sparse ? 21 : 840);
			}

			List<String> events = outcome.events()
				.stream()
				.map((event) -> event.path("type").asString() + " " + event.path("tenantId").asString() + " "
						+ event.path("data").path("modelId").asString() + " "
						+ event.path("data").path("metric").asString())
				.sorted()
				.toList();
			assertThat(events).containsExactly("ml.model.drift.detected acme-corp risk-scoring psi",
					"ml.model.performance.degraded globex risk-scoring brier",
					"ml.model.performance.degraded initech win-probability mae",
					"ml.model.volume.dropped globex forecasting volume");

			// One drift, followed from the trigger to its line in the audit trail, with
			// the job's outcome beside it.
			JsonNode drift = outcome.events()
				.stream()
				.filter((event) -> event.path("type").asString().equals("ml.model.drift.detected"))
				.findFirst()
				.orElseThrow();
			for (JsonNode message : List.of(drift, outcome.jobEvent())) {
				String id = message.path("id").asString();
				Path line = awaitAuditLine(stack.auditDir(), id);
				assertThat(Files.readString(line)).contains(id).contains(message.path("type").asString());
			}
			assertThat(output).contains(stack.auditDir().resolve("ml_audit_log").toString());
			String runId = outcome.run().path("runId").asString();
			assertThat(outcome.report()).isEqualTo(dataDir.resolve("reports").resolve(runId + ".html"));
			String report = Files.readString(outcome.report());
			assertThat(report).startsWith("<!DOCTYPE html>")
				.contains("id=\"model-acme-corp/risk-scoring\"")
				.contains("class=\"bin-chart\"");
			assertThat(output).contains(outcome.report().toUri().toString())
				.contains("curl -s -o report.html")
				.contains(DemoRun.reportPath("<runId>"));
			assertThat(output).contains("DRIFT", "BRIER DEGRADED", "MAE DEGRADED", "too few samples for PSI")
				.contains("curl -s -X POST")
				.contains("/actuator/prometheus")
				.contains("mongodb://127.0.0.1:" + options.mongoPort());

			// The printed token opens ml-service's API, which refuses a call without one.
			Matcher token = Pattern.compile("export TOKEN=(\\S+)").matcher(output);
			assertThat(token.find()).as(output).isTrue();
			URI runs = URI.create("http://127.0.0.1:" + options.mlPort() + "/api/v1/ml/model-monitoring/runs");
			HttpClient http = HttpClient.newHttpClient();
			assertThat(http
				.send(HttpRequest.newBuilder(runs).header("Authorization", "Bearer " + token.group(1)).build(),
						HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(200);
			assertThat(
					http.send(HttpRequest.newBuilder(runs).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
				.isEqualTo(401);
		}
	}

	/** The audit trail's file of a message, once event-consumers wrote it. */
	private static Path awaitAuditLine(Path auditDir, String messageId) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			if (Files.isDirectory(auditDir)) {
				try (var files = Files.walk(auditDir)) {
					var found = files.filter((file) -> file.getFileName().toString().equals(messageId + ".jsonl"))
						.findFirst();
					if (found.isPresent()) {
						return found.get();
					}
				}
			}
			Thread.sleep(200);
		}
		throw new AssertionError("no audit line for message " + messageId + " under " + auditDir);
	}

}
