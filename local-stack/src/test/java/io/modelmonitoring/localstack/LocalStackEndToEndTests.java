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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack the README's run command starts, started here with ports of its own: embedded
 * broker and MongoDB, the three services from their packaged jars, the demo data, and one
 * job through the whole path: trigger, worker, ml-service, events. Then a service is
 * killed, as a crash would, and the stack must say so at once; and once it has stopped, a
 * start without the demo finds none of the demo's files.
 */
class LocalStackEndToEndTests {

	@Test
	void theDemoJobRunsThroughTheWholePathAndTellsItsStory(@TempDir Path dataDir) throws Exception {
		Path projectDir = Path.of("").toAbsolutePath().getParent();
		// An earlier demo's files, 100 days older: the start must delete them, or their
		// tenants would be in this run.
		Path lake = dataDir.resolve("lake");
		new DemoScenario(7, Instant.now().minus(Duration.ofDays(100))).writeLake(lake);
		// Without --once, as a developer runs it: the URLs, the token and the curl lines.
		StackOptions options = new StackOptions(false, true, dataDir, 42, EmbeddedInfrastructureTests.freePort(),
				EmbeddedInfrastructureTests.freePort(), EmbeddedInfrastructureTests.freePort(),
				EmbeddedInfrastructureTests.freePort(), EmbeddedInfrastructureTests.freePort(),
				EmbeddedInfrastructureTests.freePort(), null, null, projectDir);
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.addAppender(logged);
		Path secretFile = dataDir.resolve(OperatorToken.SECRET_FILE);
		try (LocalStack stack = LocalStack.create(options, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
			DemoRun.Outcome outcome = stack.start();
			String output = printed.toString(StandardCharsets.UTF_8);
			assertThat(outcome.completed()).as(output).isTrue();
			// The lake holds exactly the files this demo listed.
			List<String> listed = Files.readAllLines(lake.resolve(DemoScenario.WRITTEN_FILES));
			assertThat(inferenceLogs(lake)).containsExactlyInAnyOrderElementsOf(listed);

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
			// acme-corp/churn-risk logs 600 a day, globex/deal-velocity 240.
			for (JsonNode model : result.path("results")) {
				String modelId = model.path("modelId").asString();
				int perDay = switch (modelId) {
					case "churn-risk" -> 600;
					case "deal-velocity" -> 240;
					default -> 120;
				};
				assertThat(model.path("baselineCount").asInt()).as(model.toString()).isEqualTo(30 * perDay);
				assertThat(model.path("currentCount").asInt()).as(model.toString())
					.isEqualTo(modelId.equals("forecasting") ? 21 : 7 * perDay);
			}
			// The two models with segments: 3 industries, 3 regions and 3 deal sizes
			// each, 4 features each; per segment, acme-corp/churn-risk's evaluation
			// scores 3 regions on enough records (and an industry on 12, not checked),
			// globex/deal-velocity's 2 deal sizes.
			JsonNode signals = result.path("signals");
			assertThat(signals.path("segmentsChecked").asInt()).isEqualTo(18);
			assertThat(signals.path("segmentsDrifted").asInt()).isEqualTo(1);
			assertThat(signals.path("segmentMetricsChecked").asInt()).isEqualTo(5);
			assertThat(signals.path("segmentMetricsDegraded").asInt()).isEqualTo(1);
			assertThat(signals.path("featuresChecked").asInt()).isEqualTo(8);
			assertThat(signals.path("featuresDrifted").asInt()).isEqualTo(1);

			List<String> events = outcome.events()
				.stream()
				.map((event) -> event.path("type").asString() + " " + event.path("tenantId").asString() + " "
						+ event.path("data").path("modelId").asString() + " "
						+ event.path("data").path("metric").asString() + " " + text(event.path("data").path("segment"))
						+ " " + text(event.path("data").path("feature")))
				.sorted()
				.toList();
			assertThat(events).containsExactly(
					"ml.model.drift.detected acme-corp churn-risk psi region=emea prediction",
					"ml.model.drift.detected acme-corp risk-scoring psi - prediction",
					"ml.model.drift.detected globex deal-velocity psi - days_in_stage",
					"ml.model.performance.degraded acme-corp churn-risk brier region=emea -",
					"ml.model.performance.degraded globex risk-scoring brier - -",
					"ml.model.performance.degraded initech win-probability mae - -",
					"ml.model.volume.dropped globex forecasting volume - -");

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
			assertThat(output).contains("churn-risk of acme-corp: region=emea drifted (PSI ",
					"); the model as a whole did not (PSI 0.0",
					"churn-risk of acme-corp: region=emea BRIER 0.270 DEGRADED (the model as a whole: 0.140)",
					"deal-velocity of globex: input feature days_in_stage drifted (PSI ", "psi=", "segment=region=emea",
					"feature=days_in_stage");
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

			// A fresh token from the running stack, as `scripts/run-local.sh --token`
			// prints it, opens the API too; the secret it comes from is the owner's
			// alone.
			assertThat(output).contains("export TOKEN=$(scripts/run-local.sh --token --data-dir " + dataDir + ")");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("rw-------");
			ByteArrayOutputStream fresh = new ByteArrayOutputStream();
			assertThat(LocalStack.printToken(dataDir, new PrintStream(fresh, true, StandardCharsets.UTF_8), System.err))
				.isZero();
			assertThat(http
				.send(HttpRequest.newBuilder(runs)
					.header("Authorization", "Bearer " + fresh.toString(StandardCharsets.UTF_8).trim())
					.build(), HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(200);

			// Nothing the embedded servers logged reads like an error: no index warnings
			// from the embedded MongoDB, no ERROR from anything.
			assertThat(logged.list)
				.filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.ERROR)
						|| (event.getLevel().isGreaterOrEqual(Level.WARN)
								&& event.getLoggerName().startsWith("de.bwaldvogel")))
				.extracting(ILoggingEvent::getFormattedMessage)
				.isEmpty();

			// ml-service dies as a crash or `kill -9` from outside would end it: the
			// stack
			// says so at once, with the end of its log, and means to stop.
			ServiceProcess mlService = stack.mlService();
			ProcessHandle.of(mlService.pid()).orElseThrow().destroyForcibly();
			assertThat(stack.died()).succeedsWithin(Duration.ofSeconds(30)).isSameAs(mlService);
			String deathReport = printed.toString(StandardCharsets.UTF_8).substring(output.length());
			assertThat(deathReport).contains("!!! ml-service stopped unexpectedly (exit code 137, signal 9)")
				.contains(mlService.log().toString())
				.contains("  | ")
				.contains("The stack stops");
		}
		finally {
			root.detachAppender(logged);
		}
		// Stopped: the secret is gone, and the token mode says no stack runs.
		assertThat(secretFile).doesNotExist();
		ByteArrayOutputStream refused = new ByteArrayOutputStream();
		assertThat(LocalStack.printToken(dataDir, System.out, new PrintStream(refused, true, StandardCharsets.UTF_8)))
			.isEqualTo(1);
		assertThat(refused.toString(StandardCharsets.UTF_8)).contains("no local stack is running");
		// --no-demo on the same data directory starts with an empty lake.
		LocalStack.create(DemoLakeTests.options(dataDir, false), new PrintStream(new ByteArrayOutputStream()))
			.prepareLake();
		assertThat(inferenceLogs(lake)).isEmpty();
	}

	/** A text field of an event, or "-" where it is null or absent. */
	private static String text(JsonNode node) {
		return (node.isNull() || node.isMissingNode()) ? "-" : node.asString();
	}

	/** The files under the lake's ml_inference_logs, relative to the lake. */
	private static List<String> inferenceLogs(Path lake) throws Exception {
		Path logs = lake.resolve("ml_inference_logs");
		if (!Files.exists(logs)) {
			return List.of();
		}
		try (Stream<Path> paths = Files.walk(logs)) {
			return paths.filter(Files::isRegularFile).map((file) -> lake.relativize(file).toString()).toList();
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
