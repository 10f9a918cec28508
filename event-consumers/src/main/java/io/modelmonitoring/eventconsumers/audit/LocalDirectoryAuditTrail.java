package io.modelmonitoring.eventconsumers.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The trail in a local directory laid out like the container (the local stack's): one
 * file per message, created atomically. The line is written to a temporary file beside it
 * ({@code .<name>.<uuid>.tmp}) and forced to disk, then given its name by a hard link,
 * which fails when the name exists, so a concurrent or repeated delivery can never
 * replace or duplicate it; the directory is forced too, so the name is durable once the
 * consumer acknowledges. Where the file system has no hard links, a move that refuses an
 * existing target serves instead (checked, then renamed: not atomic against a second
 * writer at the same instant).
 */
final class LocalDirectoryAuditTrail implements AuditTrail {

	private final Path root;

	private final AuditLayout layout;

	/**
	 * @param root the directory that plays the container
	 */
	LocalDirectoryAuditTrail(Path root, AuditLayout layout) {
		this.root = root;
		this.layout = layout;
	}

	@Override
	public Outcome append(AuditRecord record) {
		try {
			for (LocalDate earlier : record.earlierDays()) {
				if (Files.exists(file(earlier, record.name()))) {
					return Outcome.DUPLICATE;
				}
			}
			Path target = file(record.day(), record.name());
			if (Files.exists(target)) {
				return Outcome.DUPLICATE;
			}
			Path folder = target.getParent();
			Files.createDirectories(folder);
			Path temporary = folder.resolve("." + record.name() + "." + UUID.randomUUID() + ".tmp");
			try {
				try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
						StandardOpenOption.WRITE)) {
					ByteBuffer buffer = ByteBuffer.wrap(record.line());
					while (buffer.hasRemaining()) {
						channel.write(buffer);
					}
					channel.force(true);
				}
				if (!link(target, temporary)) {
					return Outcome.DUPLICATE;
				}
			}
			finally {
				Files.deleteIfExists(temporary);
			}
			forceDirectory(folder);
			return Outcome.WRITTEN;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the audit line of " + record.messageId() + " under "
					+ this.root + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * @return false when the target exists already
	 */
	private static boolean link(Path target, Path temporary) throws IOException {
		try {
			Files.createLink(target, temporary);
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
		catch (UnsupportedOperationException ex) {
			try {
				Files.move(temporary, target);
				return true;
			}
			catch (FileAlreadyExistsException exists) {
				return false;
			}
		}
	}

	/** Makes the new name durable; where a directory cannot be opened, the OS decides. */
	private static void forceDirectory(Path folder) {
		try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
			directory.force(true);
		}
		catch (IOException ex) {
			// Not every platform opens directories (Windows does not).
		}
	}

	private Path file(LocalDate day, String name) {
		return this.root.resolve(this.layout.path(day, name));
	}

	@Override
	public boolean enabled() {
		return true;
	}

	@Override
	public String describe() {
		return "local directory " + this.root + ", " + this.layout.describe();
	}

}
