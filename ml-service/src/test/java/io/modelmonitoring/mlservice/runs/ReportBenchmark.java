package io.modelmonitoring.mlservice.runs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.modelmonitoring.contracts.DriftDetected.Window;
import io.modelmonitoring.contracts.HistogramBin;
import io.modelmonitoring.mlservice.MlServiceApplication;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.EvaluationSource;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.ModelResult;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.SignalResult;
import io.modelmonitoring.security.testing.TestTokens;
import io.modelmonitoring.testsupport.TestServers;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long the run report takes to serve: starts ml-service on mongo-java-server, keeps
 * {@code --runs} weekly runs of {@code --models} models through the run store (so each
 * flagged model has a trend of that many points), each model with {@code --segments}
 * segments and {@code --features} input features (a flagged model's first of each
 * drifted, with its bins), then fetches the newest run's report over HTTP with a token,
 * as an operator would, and prints the first (cold) and the following (warm) times. Run
 * it as docs/reports.md says.
 */
public final class ReportBenchmark {

	private ReportBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int models = option(args, "--models", 1000);
		int flagged = option(args, "--flagged", 50);
		int runs = option(args, "--runs", 12);
		int rounds = option(args, "--rounds", 30);
		int segments = option(args, "--segments", 0);
		int features = option(args, "--features", 0);
		MongoServer mongo = new MongoServer(new MemoryBackend());
		mongo.bind("127.0.0.1", 0);
		int mongoPort = mongo.getLocalAddress().getPort();
		ConfigurableApplicationContext app = new SpringApplicationBuilder(MlServiceApplication.class).run(
				"--server.port=0", "--spring.mongodb.uri=mongodb://127.0.0.1:" + mongoPort + "/report_benchmark",
				"--spring.rabbitmq.addresses=" + TestServers.rabbitAddresses(), "--data_lake.local_path=",
				"--data_lake.connection_string=", "--logging.level.root=WARN");
		try {
			MonitoringRunStore store = app.getBean(MonitoringRunStore.class);
			Instant asOf = Instant.parse("2026-11-22T06:00:00Z");
			Random random = new Random(20261201);
			String newest = null;
			long seeding = System.nanoTime();
			for (int week = runs - 1; week >= 0; week--) {
				Instant runAsOf = asOf.minus(Duration.ofDays(7L * week));
				newest = keepRun(store, runAsOf, models, flagged, segments, features, random);
			}
			long seeded = System.nanoTime() - seeding;
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			HttpClient http = HttpClient.newHttpClient();
			HttpRequest request = HttpRequest
				.newBuilder(URI
					.create("http://127.0.0.1:" + port + "/api/v1/ml/model-monitoring/runs/" + newest + "/report"))
				.header("Authorization", "Bearer " + TestTokens.ML_SERVICE.valid())
				.build();
			double[] millis = new double[rounds];
			int bytes = 0;
			for (int i = 0; i < rounds; i++) {
				long start = System.nanoTime();
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				millis[i] = (System.nanoTime() - start) / 1e6;
				if (response.statusCode() != 200) {
					throw new IllegalStateException("report answered " + response.statusCode());
				}
				bytes = response.body().length();
			}
			double[] warm = Arrays.copyOfRange(millis, 1, rounds);
			Arrays.sort(warm);
			System.out.printf(Locale.ROOT,
					"run report: %d models (%d flagged, each with a %d-run trend), %d segments and %d features each, %d KB;"
							+ " seeded %d runs in %.1f s%n",
					models, flagged, runs, segments, features, bytes / 1024, runs, seeded / 1e9);
			System.out.printf(Locale.ROOT,
					"  first (cold) %.0f ms; warm over %d: median %.0f ms, p90 %.0f ms, max %.0f ms%n", millis[0],
					warm.length, warm[warm.length / 2], warm[(int) (warm.length * 0.9)], warm[warm.length - 1]);
		}
		finally {
			app.close();
			mongo.shutdownNow();
		}
	}

	private static String keepRun(MonitoringRunStore store, Instant asOf, int models, int flagged, int segments,
			int features, Random random) {
		String runId = UUID.randomUUID().toString();
		List<ModelResult> results = new ArrayList<>(models);
		for (int i = 0; i < models; i++) {
			boolean drift = i < flagged;
			results.add(result("tenant-" + (i % 20), "model-" + i, drift, segments, features, random));
		}
		MonitoringRunResponse response = new MonitoringRunResponse(runId, asOf, false, false, 20, List.of(), models, 0,
				models, flagged, 0, null, 0, 0, 0, 0, 0, flagged, 0, 1000, MonitoringRunResponse.SignalCounts.NONE,
				results);
		store.started(runId, asOf, List.of(), asOf);
		store.completed(response, List.of(), asOf.plusSeconds(5));
		return runId;
	}

	/**
	 * A result of ten bins; a drifted one has its current window moved to the top bins.
	 */
	private static ModelResult result(String tenantId, String modelId, boolean drift, int segments, int features,
			Random random) {
		List<SignalResult> segmentResults = new ArrayList<>(segments);
		for (int s = 0; s < segments; s++) {
			segmentResults.add(signal("region=r" + s, "prediction", drift && s == 0, random));
		}
		List<SignalResult> featureResults = new ArrayList<>(features);
		for (int f = 0; f < features; f++) {
			featureResults.add(signal(null, "feature_" + f, drift && f == 0, random));
		}
		List<HistogramBin> histogram = bins(drift, random);
		double psi = histogram.stream().mapToDouble(HistogramBin::contribution).sum();
		List<Double> edges = new ArrayList<>(9);
		for (int bin = 1; bin < 10; bin++) {
			edges.add(bin / 10.0);
		}
		Map<String, Double> metrics = new LinkedHashMap<>();
		metrics.put("brier", 0.1 + random.nextDouble() * 0.05);
		metrics.put("mae", 0.1 + random.nextDouble() * 0.05);
		Instant now = Instant.parse("2026-11-20T06:00:00Z");
		return new ModelResult(tenantId, modelId, psi, drift ? 0.001 : 0.5, 0.0225, 4000, 800, metrics, drift,
				List.of(), 10, edges, histogram, new Window(now, now), new Window(now, now),
				Map.of("brier", new EvaluationSource("e-" + modelId, now, "v1")), false, false, Map.of(),
				drift ? 0.001 : 0.5, segmentResults, featureResults, 0L, 0);
	}

	/** A segment or a feature: a drifted one keeps its bins, as the run keeps them. */
	private static SignalResult signal(String segment, String feature, boolean drift, Random random) {
		List<HistogramBin> histogram = bins(drift, random);
		double psi = histogram.stream().mapToDouble(HistogramBin::contribution).sum();
		return new SignalResult(segment, feature, "numeric", psi, drift ? 0.001 : 0.5, drift ? 0.004 : 0.9, 0.0225,
				4000, 800, drift, 10, List.of(), histogram, null, List.of(), Map.of());
	}

	private static List<HistogramBin> bins(boolean drift, Random random) {
		List<HistogramBin> histogram = new ArrayList<>(10);
		for (int bin = 0; bin < 10; bin++) {
			double current = drift ? ((bin >= 7) ? 0.3 : 0.1 / 7) : 0.1 + (random.nextDouble() - 0.5) * 0.02;
			double term = (current - 0.1) * Math.log(current / 0.1);
			histogram.add(new HistogramBin((bin > 0) ? bin / 10.0 : null, (bin < 9) ? (bin + 1) / 10.0 : null, 400,
					Math.round(current * 800), 0.1, current, term));
		}
		return histogram;
	}

	private static int option(String[] args, String name, int fallback) {
		for (int i = 0; i + 1 < args.length; i++) {
			if (args[i].equals(name)) {
				return Integer.parseInt(args[i + 1]);
			}
		}
		return fallback;
	}

}
