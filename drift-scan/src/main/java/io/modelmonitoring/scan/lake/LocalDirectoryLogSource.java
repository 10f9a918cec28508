package io.modelmonitoring.scan.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Inference logs in a local directory that plays the container:
 * {@code {local_path}{prefix}/year=YYYY/month=MM/day=DD/…/*.jsonl[.gz]}. The day
 * directories are computed from the windows; nothing else of the tree is walked. The
 * files are read by a bounded pool (ml-service's {@code data_lake.scan_threads}), each
 * into a collector of its own, merged in file order (see {@link ParallelScan}). The
 * benchmarks time this very scan.
 */
public final class LocalDirectoryLogSource implements InferenceLogSource {

	private final Path root;

	private final String prefix;

	private final Path logs;

	private final int threads;

	/**
	 * @param root the directory that plays the container
	 * @param prefix the normalized prefix, without leading or trailing slash (may be
	 * empty)
	 * @param threads how many files are read at once; 1 reads them one by one in the
	 * calling thread
	 */
	public LocalDirectoryLogSource(Path root, String prefix, int threads) {
		if (threads < 1) {
			throw new IllegalArgumentException("threads must be at least 1, got " + threads);
		}
		this.root = root;
		this.prefix = prefix;
		this.logs = prefix.isEmpty() ? root : root.resolve(prefix);
		this.threads = threads;
	}

	@Override
	public LogScanResult scan(LogScanRequest request) {
		if (!Files.isDirectory(this.root)) {
			throw new LakeUnavailableException("local data lake directory " + this.root
					+ " (data_lake.local_path) does not exist or is not a directory", null);
		}
		List<LogFile> files = files(request).stream().map(LogFile::local).toList();
		return ParallelScan.scan(files, request, this.threads, "lake-scan");
	}

	/** The files a scan of this request reads, oldest day first, by name in a day. */
	public List<Path> files(LogScanRequest request) {
		List<Path> files = new ArrayList<>();
		for (LocalDate day : DayPartitions.overlapping(request.baseline(), request.current())) {
			files.addAll(logFiles(this.logs.resolve(DayPartitions.path(day))));
		}
		return files;
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
	public String describe() {
		return "local directory " + this.root + " prefix /" + this.prefix;
	}

}
