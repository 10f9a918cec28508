package io.modelmonitoring.spark;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.modelmonitoring.scan.lake.DayPartitions;
import io.modelmonitoring.scan.lake.LakeUnavailableException;
import io.modelmonitoring.scan.lake.LogFile;
import io.modelmonitoring.scan.lake.LogFileReader;
import io.modelmonitoring.scan.model.TimeWindow;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * The lake through Hadoop's file systems ({@code file:}, {@code abfss:}, {@code hdfs:}
 * alike): the log files of a run's day partitions, and each opened for the scan library's
 * reader. The day directories are computed from the windows, as the in-process sources
 * do, and listed one by one: no partition discovery, which would skip files that sit
 * beside sub-folders and read days outside the windows. Serializable so that tasks carry
 * the cluster's Hadoop settings (credentials included) to the executors.
 */
final class HadoopFiles implements Serializable {

	/** The reader reads in large chunks; Hadoop's default buffer is 4 kB. */
	private static final int READ_BUFFER_BYTES = 1 << 20;

	private transient Configuration configuration;

	HadoopFiles(Configuration configuration) {
		this.configuration = configuration;
	}

	/**
	 * The log files under the day directories overlapping the windows: oldest day first,
	 * by path within a day, as the in-process scan orders them.
	 */
	List<String> list(String logs, TimeWindow... windows) {
		List<String> files = new ArrayList<>();
		Path root = new Path(URI.create(logs.endsWith("/") ? logs : logs + "/"));
		try {
			FileSystem fileSystem = root.getFileSystem(this.configuration);
			if (!fileSystem.exists(root)) {
				throw new LakeUnavailableException("inference log directory " + logs + " does not exist", null);
			}
			for (LocalDate day : DayPartitions.overlapping(windows)) {
				Path dayDirectory = new Path(root, DayPartitions.path(day));
				if (!fileSystem.exists(dayDirectory)) {
					continue;
				}
				List<String> ofDay = new ArrayList<>();
				RemoteIterator<LocatedFileStatus> listing = fileSystem.listFiles(dayDirectory, true);
				while (listing.hasNext()) {
					FileStatus status = listing.next();
					if (status.isFile() && LogFileReader.isLogFile(status.getPath().getName())) {
						ofDay.add(status.getPath().toString());
					}
				}
				ofDay.sort(null);
				files.addAll(ofDay);
			}
		}
		catch (IOException ex) {
			throw new LakeUnavailableException("cannot list inference logs under " + logs + ": " + ex, ex);
		}
		return files;
	}

	/** One file, opened only when the reader reads it. */
	LogFile open(String file) {
		Path path = new Path(URI.create(file));
		return new LogFile(file, () -> reading(path).open(path, READ_BUFFER_BYTES),
				() -> HadoopInputFile.fromPath(path, this.configuration));
	}

	/**
	 * The file system to stream a log file from: a local one without its checksum layer,
	 * which would verify {@code .crc} files the lake does not have, in 512-byte chunks.
	 */
	private FileSystem reading(Path path) throws IOException {
		FileSystem fileSystem = path.getFileSystem(this.configuration);
		return (fileSystem instanceof LocalFileSystem local) ? local.getRawFileSystem() : fileSystem;
	}

	byte[] readAll(String file) {
		Path path = new Path(URI.create(file));
		try (var in = path.getFileSystem(this.configuration).open(path)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	/**
	 * Writes a file whole: to a sibling first, renamed into place, so no reader sees
	 * half.
	 */
	void writeAll(String file, byte[] bytes) {
		Path path = new Path(URI.create(file));
		Path partial = new Path(path.getParent(), "." + path.getName() + ".partial");
		try {
			FileSystem fileSystem = path.getFileSystem(this.configuration);
			try (var out = fileSystem.create(partial, true)) {
				out.write(bytes);
			}
			fileSystem.delete(path, false);
			if (!fileSystem.rename(partial, path)) {
				throw new IOException("rename of " + partial + " to " + path + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

	private void writeObject(ObjectOutputStream out) throws IOException {
		out.defaultWriteObject();
		this.configuration.write(new DataOutputStream(out));
	}

	private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
		in.defaultReadObject();
		this.configuration = new Configuration(false);
		this.configuration.readFields(new DataInputStream(in));
	}

}
