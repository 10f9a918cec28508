package io.modelmonitoring.scan.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a Spark scan's request and result files live: a place both ml-service and the
 * cluster's driver reach, one folder a scan. Paths are relative
 * ({@code <scan id>/request.json}); {@link #uri} gives the URI the job opens through
 * Hadoop's file systems.
 */
public interface JobFiles {

	/** The URI the Spark job reads or writes the file at. */
	String uri(String path);

	void write(String path, byte[] bytes);

	/** The file's bytes, empty when it does not exist. */
	Optional<byte[]> read(String path, int maxBytes);

	/** Removes a scan's folder and what is in it. */
	void deleteFolder(String folder);

	/** A local directory: a cluster on this machine, or a mount every worker shares. */
	static JobFiles local(Path directory) {
		return new Local(directory.toAbsolutePath().normalize());
	}

	/** {@link JobFiles#local}. */
	record Local(Path directory) implements JobFiles {

		@Override
		public String uri(String path) {
			return this.directory.resolve(path).toUri().toString();
		}

		@Override
		public void write(String path, byte[] bytes) {
			Path file = this.directory.resolve(path);
			try {
				Files.createDirectories(file.getParent());
				Path partial = file.resolveSibling(file.getFileName() + ".partial");
				Files.write(partial, bytes);
				Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot write " + file, ex);
			}
		}

		@Override
		public Optional<byte[]> read(String path, int maxBytes) {
			Path file = this.directory.resolve(path);
			try {
				if (Files.size(file) > maxBytes) {
					throw new IllegalStateException(file + " is over " + maxBytes + " bytes");
				}
				return Optional.of(Files.readAllBytes(file));
			}
			catch (NoSuchFileException ex) {
				return Optional.empty();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot read " + file, ex);
			}
		}

		@Override
		public void deleteFolder(String folder) {
			Path root = this.directory.resolve(folder);
			if (!Files.exists(root)) {
				return;
			}
			try (Stream<Path> tree = Files.walk(root)) {
				for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot delete " + root, ex);
			}
		}

	}

}
