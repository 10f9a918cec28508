package io.modelmonitoring.scan.lake;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

import io.modelmonitoring.scan.model.TimeWindow;

/**
 * Runs the in-process scan once over generated lines held in memory, so that the JIT
 * compiles the scan's hot code before the first run instead of during it; a service then
 * judges what it gathered as a run would, so that the rest of its run is compiled too.
 * The lines have the shapes a lake holds (the four fields and others, segment values and
 * features when the scan reads them, a few invalid lines); the scan is the real one
 * ({@link ParallelScan} on the given threads).
 */
public final class ScanWarmUp {

	/** Distinct generated lines, read {@link #FILES} times: about 200,000 lines. */
	static final int LINES_PER_FILE = 4_096;

	static final int FILES = 48;

	/**
	 * The asOf of a run over the generated lines: their baseline lines fall in its
	 * baseline window, [asOf − 60 d, asOf − 30 d), their current lines in its current
	 * window, [asOf − 7 d, asOf).
	 */
	public static final Instant AS_OF = Instant.parse("2000-03-01T00:00:00Z");

	/** The lines a scan reads. */
	public static final long LINES = (long) FILES * LINES_PER_FILE;

	private static final Instant BASELINE_FROM = AS_OF.minus(Duration.ofDays(60));

	private static final Instant CURRENT_FROM = AS_OF.minus(Duration.ofDays(7));

	private static final List<String> TENANTS = List.of("warm-up-a", "warm-up-b");

	private static final List<String> MODELS = List.of("model-1", "model-2");

	private ScanWarmUp() {
	}

	/**
	 * Scans the generated lines as a run at {@link #AS_OF} scans a lake; judging what it
	 * gathered is the caller's (a service warms its whole run on it).
	 * @param signals what the service's scan reads besides the predictions
	 * @param threads the scan's threads
	 */
	public static LogScanResult scan(ScanSignals signals, int threads) {
		byte[] lines = lines(signals);
		List<LogFile> files = new ArrayList<>(FILES);
		for (int f = 0; f < FILES; f++) {
			files.add(new LogFile("warm-up-" + f + ".jsonl", () -> new ByteArrayInputStream(lines), null));
		}
		LogScanRequest request = new LogScanRequest(
				new TimeWindow(BASELINE_FROM, BASELINE_FROM.plus(Duration.ofDays(30))),
				new TimeWindow(CURRENT_FROM, AS_OF), Set.of(), signals);
		return ParallelScan.scan(files, request, threads, "scan-warm-up");
	}

	/**
	 * One file's lines: every model in both windows, predictions of every length, lines
	 * with segments and features and lines without.
	 */
	static byte[] lines(ScanSignals signals) {
		SplittableRandom random = new SplittableRandom(20_261_202L);
		StringBuilder text = new StringBuilder(LINES_PER_FILE * 256);
		for (int i = 0; i < LINES_PER_FILE; i++) {
			if (i % 1_000 == 999) {
				text.append("{\"tenantId\": \"warm-up-a\", \"prediction\": \"n/a\"}\n");
				continue;
			}
			Instant from = ((i / 4) % 2 == 0) ? BASELINE_FROM : CURRENT_FROM;
			Instant at = from.plusMillis(random.nextLong(Duration.ofDays(7).toMillis()));
			double prediction = (i % 7 == 0) ? Math.round(random.nextDouble() * 1_000) / 1_000.0 : random.nextDouble();
			text.append("{\"requestId\":\"")
				.append(Integer.toHexString(i))
				.append("\",\"tenantId\":\"")
				.append(TENANTS.get(i % TENANTS.size()))
				.append("\",\"modelId\":\"")
				.append(MODELS.get((i / 2) % MODELS.size()))
				.append("\",\"modelVersion\":\"v1\",\"prediction\":")
				.append(prediction)
				.append(",\"timestamp\":\"")
				.append(at)
				.append("\",\"latencyMs\":")
				.append(random.nextInt(100));
			// A third of the lines name no segment and no feature, as a lake without
			// them does: the paths of both kinds of line are compiled, neither is left
			// for the first run to find.
			boolean plain = (i / 8) % 3 == 2;
			for (String dimension : plain ? List.<String>of() : signals.dimensions()) {
				text.append(",\"")
					.append(dimension)
					.append("\":\"")
					.append(dimension)
					.append('-')
					.append(random.nextInt(3))
					.append('"');
			}
			if (signals.features() && !plain) {
				text.append(",\"features\":{\"amount\":")
					.append(String.format(Locale.ROOT, "%.2f", random.nextDouble() * 10_000))
					.append(",\"days\":")
					.append(random.nextInt(90))
					.append(",\"plan\":\"")
					.append((random.nextInt(3) == 0) ? "pro" : "basic")
					.append("\",\"renewal\":")
					.append(random.nextBoolean())
					.append('}');
			}
			text.append("}\n");
		}
		return text.toString().getBytes(StandardCharsets.US_ASCII);
	}

}
