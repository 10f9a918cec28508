package io.modelmonitoring.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One service of the system, run from its packaged jar as a child process of the stack,
 * with its configuration in environment variables (the names the services document) and
 * its output in a log file. Public for the system tests, which start, stop and kill the
 * services the same way, and for the benchmarks, which start ml-service with other JVM
 * options.
 */
public final class ServiceProcess implements AutoCloseable {

	/**
	 * The stack's JVM options: four services on one machine start fast and stay small.
	 */
	public static final List<String> LOCAL_JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");

	/** What a failed start reports of the log: Boot's failure analysis and its cause. */
	private static final int START_FAILURE_LINES = 30;

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final int port;

	private final Path log;

	private final Process process;

	/** Set before the stack stops or kills the process itself. */
	private volatile boolean stopping;

	private ServiceProcess(String name, int port, Path log, Process process) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.process = process;
	}

	/** Starts the service with the stack's {@link #LOCAL_JVM_OPTIONS}. */
	public static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment,
			Path logDirectory) throws IOException {
		return start(name, jar, port, LOCAL_JVM_OPTIONS, environment, logDirectory);
	}

	/** Starts the service in a JVM with these options. */
	public static ServiceProcess start(String name, Path jar, int port, List<String> jvmOptions,
			Map<String, String> environment, Path logDirectory) throws IOException {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(
					"no jar for " + name + " at " + jar + ": build it first with ./mvnw -DskipTests package");
		}
		Files.createDirectories(logDirectory);
		Path log = logDirectory.resolve(name + ".log");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
		builder.environment().putAll(environment);
		builder.environment().put("SERVER_PORT", String.valueOf(port));
		return new ServiceProcess(name, port, log, builder.start());
	}

	/**
	 * Waits until the service reports itself healthy; fails early when the process dies.
	 */
	public void awaitHealthy(Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " stopped during start-up (exit code " + this.process.exitValue() + "); see "
								+ this.log + ", which ends:\n" + String.join("\n", logTail(START_FAILURE_LINES)));
			}
			if (healthy()) {
				return;
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException(this.name + " was not healthy within " + timeout + "; see " + this.log);
	}

	private boolean healthy() {
		try {
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
				.timeout(Duration.ofSeconds(2))
				.build(), HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Calls {@code report} once, when the process ends without {@link #close()} or
	 * {@link #kill()} having asked it to: a crash, an out-of-memory kill, a
	 * {@code kill -9} from outside.
	 */
	public void onUnexpectedExit(Consumer<ServiceProcess> report) {
		this.process.onExit().thenRun(() -> {
			if (!this.stopping) {
				report.accept(this);
			}
		});
	}

	/**
	 * Whether the service stopped because its port was taken (Boot's failure analysis
	 * says so), e.g. by a connection's ephemeral port after the port was chosen.
	 */
	public boolean stoppedOnPortInUse() {
		return !this.process.isAlive() && logTail(START_FAILURE_LINES).stream()
			.anyMatch((line) -> line.contains("Port " + this.port + " was already in use")
					|| line.contains("Port " + this.port + " is already in use"));
	}

	/** The exit code once the process has ended; 128 + n after signal n. */
	public int exitCode() {
		return this.process.exitValue();
	}

	/** The last lines of the service's log, for a report of why it stopped. */
	public List<String> logTail(int lines) {
		try {
			// Leniently: a line cut by a crash may end inside a character.
			List<String> all = new String(Files.readAllBytes(this.log), StandardCharsets.UTF_8).lines().toList();
			return all.subList(Math.max(0, all.size() - lines), all.size());
		}
		catch (IOException ex) {
			return List.of("(cannot read " + this.log + ": " + ex.getMessage() + ")");
		}
	}

	public String name() {
		return this.name;
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	public Path log() {
		return this.log;
	}

	/** Kills the process at once (SIGKILL), as a crash would: no shutdown hooks run. */
	public void kill() throws InterruptedException {
		this.stopping = true;
		this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
	}

	/** The process id, for tools that look at the running JVM (jcmd). */
	public long pid() {
		return this.process.pid();
	}

	@Override
	public void close() throws InterruptedException {
		this.stopping = true;
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
	}

}
