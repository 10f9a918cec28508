package io.modelmonitoring.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A local-directory Data Lake for runs as of now: per tenant one model whose predictions
 * drift (baseline 45 days ago i/39, current 3 days ago 0.5 + i/78, 40 each: a PSI near
 * 1.1, far above 0.2), and a corrupt {@code .jsonl.gz} in the current window that every
 * run reads past.
 */
public final class Lake {

	private final Path root;

	private Lake(Path root) {
		this.root = root;
	}

	public static Lake create() {
		try {
			Lake lake = new Lake(Files.createTempDirectory("system-tests-lake"));
			Path current = lake.partition(Instant.now().minus(Duration.ofDays(3)));
			// a gzip header, then garbage: unreadable from its first block
			byte[] corrupt = { 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 'n', 'o', 't', ' ', 'g', 'z', 'i', 'p' };
			Files.write(current.resolve("corrupt.jsonl.gz"), corrupt);
			return lake;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Path root() {
		return this.root;
	}

	/** Logs of one drifting model, {@code model-a}, for the tenant. */
	public void drifting(String tenantId) {
		Instant baseline = Instant.now().minus(Duration.ofDays(45));
		Instant current = Instant.now().minus(Duration.ofDays(3));
		List<String> baselineLines = new ArrayList<>();
		List<String> currentLines = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			baselineLines.add(record(tenantId, i / 39.0, baseline.plusSeconds(60L * i)));
			currentLines.add(record(tenantId, 0.5 + i / 78.0, current.plusSeconds(60L * i)));
		}
		try {
			Files.write(partition(baseline).resolve(tenantId + ".jsonl"), baselineLines, StandardCharsets.UTF_8);
			Files.write(partition(current).resolve(tenantId + ".jsonl"), currentLines, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String record(String tenantId, double prediction, Instant timestamp) {
		return "{\"tenantId\": \"" + tenantId + "\", \"modelId\": \"model-a\", \"prediction\": " + prediction
				+ ", \"timestamp\": \"" + timestamp + "\"}";
	}

	private Path partition(Instant day) throws IOException {
		LocalDate date = day.atZone(ZoneOffset.UTC).toLocalDate();
		return Files.createDirectories(this.root.resolve("ml_inference_logs")
			.resolve(String.format("year=%04d/month=%02d/day=%02d", date.getYear(), date.getMonthValue(),
					date.getDayOfMonth())));
	}

}
