package io.modelmonitoring.mlservice.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * Inference logs in a local directory that plays the container:
 * {@code {local_path}{prefix}/year=YYYY/month=MM/day=DD/…/*.jsonl[.gz]}. The day
 * directories are computed from the windows; nothing else of the tree is walked.
 */
final class LocalDirectoryLogSource implements InferenceLogSource {

	private final Path root;

	private final String prefix;

	private final Path logs;

	/**
	 * @param root the directory that plays the container
	 * @param prefix the normalized prefix, without leading or trailing slash (may be
	 * empty)
	 */
	LocalDirectoryLogSource(Path root, String prefix) {
		this.root = root;
		this.prefix = prefix;
		this.logs = prefix.isEmpty() ? root : root.resolve(prefix);
	}

	@Override
	public LogScanResult scan(LogScanRequest request) {
		if (!Files.isDirectory(this.root)) {
			throw new LakeUnavailableException("local data lake directory " + this.root
					+ " (data_lake.local_path) does not exist or is not a directory", null);
		}
		SampleCollector collector = new SampleCollector(request);
		LogFileReader reader = new LogFileReader(collector);
		for (LocalDate day : DayPartitions.overlapping(request.baseline(), request.current())) {
			for (Path file : logFiles(this.logs.resolve(DayPartitions.path(day)))) {
				reader.read(file.toString(), () -> Files.newInputStream(file));
			}
		}
		return collector.toResult();
	}

	/**
	 * The log files anywhere under one day directory, by name; none when it is absent.
	 */
	private static List<Path> logFiles(Path dayDirectory) {
		if (!Files.isDirectory(dayDirectory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(dayDirectory)) {
			return files.filter((file) -> LogFileReader.isLogFile(file.getFileName().toString()))
				.filter(Files::isRegularFile)
				.sorted()
				.toList();
		}
		catch (IOException | UncheckedIOException ex) {
			throw new LakeUnavailableException("cannot list local data lake directory " + dayDirectory + ": " + ex, ex);
		}
	}

	@Override
	public boolean isConfigured() {
		return true;
	}

	@Override
	public String unavailableReason() {
		return null;
	}

	@Override
	public String describe() {
		return "local directory " + this.root + " prefix /" + this.prefix;
	}

}
