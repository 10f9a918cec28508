package io.modelmonitoring.scan.lake;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads inference-log files one by one into a {@link RecordCollector}, whatever lake they
 * come from: file → records → samples. {@code .jsonl} files are read as they are,
 * {@code .jsonl.gz} files through a streaming gunzip, {@code .parquet} files by
 * {@link ParquetLogReader}; every other name is no log file.
 * <p>
 * A file that cannot be opened, read or decompressed to its end is logged (WARN, with its
 * name) and counted as unreadable; the records read from it before the error are kept and
 * the scan goes on. One reader reads one file at a time; a parallel scan gives each
 * worker its own reader and collector. Only {@link #isLogFile} is public: a source lists
 * the log files by it.
 */
public final class LogFileReader {

	private static final Logger log = LoggerFactory.getLogger(LogFileReader.class);

	private static final int GZIP_BUFFER_BYTES = 64 * 1024;

	private final RecordCollector collector;

	private final InferenceLogParser parser;

	private final ParquetLogReader parquet;

	LogFileReader(RecordCollector collector) {
		this.collector = collector;
		this.parser = new InferenceLogParser(collector);
		this.parquet = new ParquetLogReader(collector);
	}

	/**
	 * Whether a file name is an inference log: {@code *.jsonl}, {@code *.jsonl.gz} or
	 * {@code *.parquet}.
	 */
	public static boolean isLogFile(String name) {
		return name.endsWith(".jsonl") || name.endsWith(".jsonl.gz") || isParquet(name);
	}

	static boolean isParquet(String name) {
		return name.endsWith(".parquet");
	}

	/** Reads one log file to its end, by the format its name says. */
	void read(LogFile file) {
		if (isParquet(file.name())) {
			readParquet(file.name(), file.parquet());
		}
		else {
			read(file.name(), file.stream());
		}
	}

	/**
	 * Reads one Parquet file to its end: a file that cannot be opened or decoded counts
	 * as unreadable, like a broken gzip.
	 */
	void readParquet(String name, LogFile.ParquetOpener opener) {
		try {
			this.parquet.read(opener.open());
		}
		catch (IOException ex) {
			unreadable(name, ex, false);
			return;
		}
		catch (RuntimeException ex) {
			unreadable(name, ex, true);
			return;
		}
		this.collector.fileRead();
	}

	/**
	 * Reads one log file to its end.
	 * @param name the file's name for logs, e.g. its path or blob URL
	 * @param opener opens the file's raw bytes
	 */
	void read(String name, LogFile.Opener opener) {
		try (InputStream raw = opener.open();
				InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, GZIP_BUFFER_BYTES) : raw) {
			this.parser.read(in);
		}
		catch (IOException ex) {
			unreadable(name, ex, false);
			return;
		}
		catch (RuntimeException ex) {
			// Storage clients report some read failures unchecked (a blob gone between
			// listing and reading, an exhausted retry); they end this file, not the scan.
			unreadable(name, ex, true);
			return;
		}
		this.collector.fileRead();
	}

	private void unreadable(String name, Exception ex, boolean withStackTrace) {
		this.collector.unreadableFile();
		String message = "inference log file {} could not be read to its end, skipped the rest of it "
				+ "(records read before the error are kept): {}";
		if (withStackTrace) {
			log.warn(message, name, ex.toString(), ex);
		}
		else {
			log.warn(message, name, ex.toString());
		}
	}

}
