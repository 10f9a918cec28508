package io.modelmonitoring.localstack;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.BrokerImpl;
import org.apache.qpid.server.model.SystemConfig;

/**
 * An AMQP 0-9-1 broker in this process (Apache Qpid Broker-J, kept in memory), so the
 * stack needs no RabbitMQ installed. It speaks the protocol the services' RabbitMQ client
 * speaks; it takes PLAIN logins as guest/guest on 127.0.0.1 only. Public for the
 * benchmarks, which run ml-service against it.
 */
public final class EmbeddedBroker implements AutoCloseable {

	/**
	 * The broker's configuration root, whose task executor runs while the broker does.
	 */
	private volatile SystemConfig<?> systemConfig;

	private final SystemLauncher launcher = new SystemLauncher(
			new SystemLauncherListener.DefaultSystemLauncherListener() {

				@Override
				public void onContainerResolve(SystemConfig<?> systemConfig) {
					EmbeddedBroker.this.systemConfig = systemConfig;
				}

			});

	private final int port;

	private EmbeddedBroker(int port) {
		this.port = port;
	}

	public static EmbeddedBroker start(int port) throws Exception {
		EmbeddedBroker broker = new EmbeddedBroker(port);
		// The broker reads its configuration from a URL it can open itself: a nested
		// jar's is not.
		Path configuration = Files.createTempFile("qpid-initial-config", ".json");
		configuration.toFile().deleteOnExit();
		try (InputStream in = EmbeddedBroker.class.getResourceAsStream("/qpid-initial-config.json")) {
			Files.copy(in, configuration, StandardCopyOption.REPLACE_EXISTING);
		}
		Map<String, Object> attributes = new HashMap<>();
		attributes.put(SystemConfig.TYPE, "Memory");
		attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, configuration.toUri().toString());
		attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
		attributes.put(SystemConfig.CONTEXT, Map.of("qpid.amqp_port", String.valueOf(port),
				"qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}"));
		broker.launcher.startup(attributes);
		broker.leaveStoppingToTheStack();
		return broker;
	}

	/**
	 * Qpid stops its broker in a JVM shutdown hook of its own. On Ctrl-C or SIGTERM that
	 * hook runs side by side with the stack's, which stops the services first: the broker
	 * went away under services still stopping, they reconnected to a broker half down,
	 * and Qpid logged ERRORs for it. So the hook is taken out, and {@link #close()}
	 * (called by the stack's hook after the services) stops the broker. Qpid offers no
	 * switch for it: the hook is a private field of its BrokerImpl, read here by
	 * reflection. If a Qpid version has no such field, its hook stays, and close() then
	 * leaves a broker that hook stopped alone (a second shutdown would log an ERROR too).
	 */
	private void leaveStoppingToTheStack() {
		try {
			Object container = this.systemConfig.getContainer();
			Field hook = BrokerImpl.class.getDeclaredField("_shutdownHook");
			hook.setAccessible(true);
			Runtime.getRuntime().removeShutdownHook((Thread) hook.get(container));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// Qpid's hook stays; see above.
		}
	}

	public String url() {
		return "amqp://guest:guest@127.0.0.1:" + this.port;
	}

	@Override
	public synchronized void close() {
		if (this.systemConfig == null || this.systemConfig.getTaskExecutor().isRunning()) {
			this.launcher.shutdown();
		}
	}

}
