package io.modelmonitoring.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.modelmonitoring.localstack.ServiceProcess;

/**
 * A bounded soak: ml-service and risk-analytics from their jars, many triggers over many
 * tenants at a steady rate, and every few seconds the heap used after a full GC and the
 * live threads of both services, with the runs per second. A benchmark that prints its
 * figures, not a test: stable heap and thread counts are read from the table.
 *
 * <pre>
 * java -cp system-tests/target/classes:$(cat system-tests/target/classpath.txt) \
 *     io.modelmonitoring.systemtests.Soak --triggers 500 --tenants 100 --rate 3
 * </pre>
 */
public final class Soak {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private Soak() {
	}

	public static void main(String[] args) throws Exception {
		int triggers = intOption(args, "--triggers", 500);
		int tenants = intOption(args, "--tenants", 100);
		double rate = Double.parseDouble(option(args, "--rate", "3"));
		int sampleSeconds = intOption(args, "--sample-seconds", 10);
		Path root = Path.of(option(args, "--project", ".")).toAbsolutePath().normalize();

		try (SystemUnderTest system = SystemUnderTest.start(root, Map.of(),
				Map.of("BATCH_JOBS_WORKER_CONCURRENCY", "4"))) {
			List<String> tenantIds = new ArrayList<>();
			for (int i = 0; i < tenants; i++) {
				String tenant = String.format("soak-tenant-%03d", i);
				system.degraded(tenant);
				system.lake.drifting(tenant);
				tenantIds.add(tenant);
			}
			System.out.printf("soak: %d triggers over %d tenants at %.1f/s; logs in %s%n", triggers, tenants, rate,
					system.logs());
			System.out.println(
					"   t(s)  fired  ended  runs/s  ml-heap(MB)  ml-threads  ra-heap(MB)  ra-threads  outbox-pending");
			List<String> ids = new ArrayList<>();
			long start = System.nanoTime();
			long nextSample = 0;
			int lastEnded = 0;
			long lastSampleAt = start;
			List<double[]> samples = new ArrayList<>();
			while (true) {
				long elapsedNanos = System.nanoTime() - start;
				int due = (int) Math.min(triggers, Math.floor(elapsedNanos / 1e9 * rate) + 1);
				while (ids.size() < due) {
					int i = ids.size();
					// Two tenants half the range apart: triggers in flight together never
					// share one.
					List<String> its = List.of(tenantIds.get(i % tenants), tenantIds.get((i + tenants / 2) % tenants));
					String id = "soak-" + i + "-" + UUID.randomUUID();
					system.tap.trigger(id, its);
					ids.add(id);
				}
				int ended = (int) ids.stream().filter((id) -> !system.tap.outcomesOf(id).isEmpty()).count();
				if (elapsedNanos >= nextSample || ended == triggers) {
					long now = System.nanoTime();
					double runsPerSecond = (ended - lastEnded) / ((now - lastSampleAt) / 1e9);
					double[] ml = sample(system.mlService());
					double[] ra = sample(system.worker());
					samples.add(new double[] { ml[0], ml[1], ra[0], ra[1] });
					System.out.printf(Locale.ROOT, "%7.0f  %5d  %5d  %6.2f  %11.1f  %10.0f  %11.1f  %10.0f  %14d%n",
							elapsedNanos / 1e9, ids.size(), ended, runsPerSecond, ml[0], ml[1], ra[0], ra[1],
							system.pendingEvents());
					lastEnded = ended;
					lastSampleAt = now;
					nextSample = elapsedNanos + TimeUnit.SECONDS.toNanos(sampleSeconds);
				}
				if (ended == triggers) {
					break;
				}
				Thread.sleep(100);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			long completed = ids.stream()
				.filter((id) -> system.tap.outcomesOf(id)
					.stream()
					.anyMatch((m) -> m.type().equals("workflow.job.completed")))
				.count();
			long duplicated = ids.stream().filter((id) -> system.tap.outcomesOf(id).size() > 1).count();
			System.out.printf(Locale.ROOT,
					"soak: %d triggers in %.0f s, %.2f runs/s overall; completed %d, failed %d, more than one outcome %d%n",
					triggers, seconds, triggers / seconds, completed, triggers - completed, duplicated);
			summary("ml-service heap after GC (MB)", samples, 0);
			summary("ml-service live threads", samples, 1);
			summary("risk-analytics heap after GC (MB)", samples, 2);
			summary("risk-analytics live threads", samples, 3);
		}
	}

	private static void summary(String name, List<double[]> samples, int column) {
		double min = Double.MAX_VALUE;
		double max = 0;
		for (double[] sample : samples) {
			min = Math.min(min, sample[column]);
			max = Math.max(max, sample[column]);
		}
		int second = Math.min(1, samples.size() - 1);
		System.out.printf(Locale.ROOT, "  %-36s first %.1f (after warm-up %.1f), last %.1f, min %.1f, max %.1f%n", name,
				samples.get(0)[column], samples.get(second)[column], samples.get(samples.size() - 1)[column], min, max);
	}

	/**
	 * Heap used after a full GC (MB) and live threads, from jcmd and the service's
	 * scrape.
	 */
	private static double[] sample(ServiceProcess service) throws IOException, InterruptedException {
		Process gc = new ProcessBuilder("jcmd", String.valueOf(service.pid()), "GC.run").redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		gc.waitFor(30, TimeUnit.SECONDS);
		String scrape = HTTP
			.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/prometheus"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		double heap = 0;
		double threads = 0;
		for (String line : scrape.split("\n")) {
			if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
				heap += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
			else if (line.startsWith("jvm_threads_live_threads")) {
				threads = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return new double[] { heap / (1024 * 1024), threads };
	}

	private static String option(String[] args, String name, String fallback) {
		for (int i = 0; i + 1 < args.length; i++) {
			if (args[i].equals(name)) {
				return args[i + 1];
			}
		}
		return fallback;
	}

	private static int intOption(String[] args, String name, int fallback) {
		return Integer.parseInt(option(args, name, String.valueOf(fallback)));
	}

}
