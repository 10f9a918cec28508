package io.modelmonitoring.scan.lake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;

/**
 * One log file of a scan, as its source opens it: as a stream ({@code .jsonl},
 * {@code .jsonl.gz}) or as a random-access {@link InputFile} ({@code .parquet}, whose
 * footer is at its end). Nothing is opened until the file is read. A source outside this
 * package (ml-service's Azure blobs) makes its own.
 *
 * @param name the file's name for logs (its path, or {@code container/blob name})
 * @param stream opens the file's raw bytes
 * @param parquet opens the file for random access
 */
public record LogFile(String name, Opener stream, ParquetOpener parquet) {

	/** Opens the raw (possibly compressed) bytes of one file. */
	@FunctionalInterface
	public interface Opener {

		InputStream open() throws IOException;

	}

	/** Opens one file for random access. */
	@FunctionalInterface
	public interface ParquetOpener {

		InputFile open() throws IOException;

	}

	static LogFile local(Path file) {
		return new LogFile(file.toString(), () -> Files.newInputStream(file), () -> new LocalInputFile(file));
	}

}
