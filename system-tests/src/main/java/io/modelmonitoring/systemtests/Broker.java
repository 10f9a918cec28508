package io.modelmonitoring.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.ConnectionFactory;

/**
 * The local RabbitMQ, seen through a virtual host of this test run's own: faults (closed
 * connections, refused logins) are made in that vhost only, so other test runs sharing
 * the broker are not touched. Driven with {@code rabbitmqctl}.
 */
public final class Broker implements AutoCloseable {

	private final String vhost = "systest-" + UUID.randomUUID().toString().substring(0, 8);

	private Broker() {
	}

	public static Broker withOwnVhost() {
		Broker broker = new Broker();
		broker.ctl("add_vhost", broker.vhost);
		broker.allow();
		return broker;
	}

	public String url() {
		return "amqp://guest:guest@127.0.0.1:5672/" + this.vhost;
	}

	public ConnectionFactory connectionFactory() {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		factory.setPort(5672);
		factory.setVirtualHost(this.vhost);
		factory.setUsername("guest");
		factory.setPassword("guest");
		factory.setAutomaticRecoveryEnabled(true);
		factory.setNetworkRecoveryInterval(500);
		return factory;
	}

	/**
	 * Closes every connection of the vhost, as a broker restart or a network cut would.
	 */
	public void closeConnections() {
		ctl("close_all_connections", "--vhost", this.vhost, "--limit", "1000", "fault test");
	}

	/** Refuses logins to the vhost: to the clients, the broker is down. */
	public void deny() {
		ctl("clear_permissions", "-p", this.vhost, "guest");
	}

	public void allow() {
		ctl("set_permissions", "-p", this.vhost, "guest", ".*", ".*", ".*");
	}

	@Override
	public void close() {
		ctl("delete_vhost", this.vhost);
	}

	private void ctl(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add("rabbitmqctl");
		command.add("--quiet");
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output
						+ " (these tests need the local RabbitMQ and rabbitmqctl; start it with 'rabbitmq-server -detached')");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("rabbitmqctl not found: these tests need the local RabbitMQ", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
