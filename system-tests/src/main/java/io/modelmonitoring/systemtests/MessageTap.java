package io.modelmonitoring.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything the services publish: a durable queue of its own bound to the monitoring
 * events and the job outcomes, so nothing published while its own connection is closed is
 * missed. Also publishes triggers, as the orchestrator does.
 */
public final class MessageTap implements AutoCloseable {

	public static final String EXCHANGE = "coder_events";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Connection connection;

	private final Channel channel;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private MessageTap(Connection connection, Channel channel) {
		this.connection = connection;
		this.channel = channel;
	}

	public static MessageTap open(ConnectionFactory factory) {
		try {
			Connection connection = factory.newConnection("system-tests-tap");
			Channel channel = connection.createChannel();
			channel.exchangeDeclare(EXCHANGE, "topic", true);
			String queue = "system-tests.tap";
			channel.queueDeclare(queue, true, false, false, Map.of());
			for (String key : List.of("ml.model.#", "workflow.job.completed", "workflow.job.failed")) {
				channel.queueBind(queue, EXCHANGE, key);
			}
			channel.confirmSelect();
			MessageTap tap = new MessageTap(connection, channel);
			channel
				.basicConsume(queue, true,
						(tag, delivery) -> tap.received.add(new Received(delivery.getProperties().getMessageId(),
								delivery.getProperties().getType(),
								JSON.readTree(new String(delivery.getBody(), StandardCharsets.UTF_8)))),
						(tag) -> {
						});
			return tap;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Publishes a model-monitoring trigger (persistent, confirmed). */
	public void trigger(String id, List<String> tenantIds) {
		String body = "{\"id\": \"" + id + "\", \"type\": \"workflow.job.trigger\", \"timestamp\": \""
				+ java.time.Instant.now() + "\", \"source\": \"system-tests\", \"job\": \"model-monitoring\", "
				+ "\"metadata\": {\"tenantIds\": " + JSON.writeValueAsString(tenantIds)
				+ "}, \"triggeredBy\": \"system-tests\"}";
		publish(id, "workflow.job.trigger", body);
	}

	/**
	 * A trigger of a job no worker knows: its failure tells that the queue before it is
	 * done.
	 */
	public void barrier(String id) {
		publish(id, "workflow.job.trigger", "{\"id\": \"" + id + "\", \"type\": \"workflow.job.trigger\", "
				+ "\"job\": \"system-tests-barrier\", \"metadata\": {}}");
	}

	private synchronized void publish(String id, String type, String body) {
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(id)
			.type(type)
			.contentType("application/json")
			.deliveryMode(2)
			.build();
		try {
			this.channel.basicPublish(EXCHANGE, type, properties, body.getBytes(StandardCharsets.UTF_8));
			this.channel.waitForConfirmsOrDie(10_000);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The job outcomes (completed or failed) of a trigger. */
	public List<Received> outcomesOf(String triggerId) {
		return this.received.stream()
			.filter((message) -> message.type().startsWith("workflow.job."))
			.filter((message) -> triggerId.equals(message.body().path("data").path("triggerId").asString()))
			.toList();
	}

	/** The monitoring events about any of these tenants. */
	public List<Received> eventsOf(List<String> tenantIds) {
		return this.received.stream()
			.filter((message) -> message.type().startsWith("ml.model."))
			.filter((message) -> tenantIds.contains(message.body().path("tenantId").asString()))
			.toList();
	}

	public int size() {
		return this.received.size();
	}

	@Override
	public void close() throws IOException {
		this.connection.close();
	}

	/** One message as received. */
	public record Received(String messageId, String type, JsonNode body) {

		/** What makes an event one finding: (run, tenant, model, metric). */
		public String finding() {
			return this.body.path("correlationId").asString() + " " + this.body.path("tenantId").asString() + " "
					+ this.body.path("data").path("modelId").asString() + " "
					+ this.body.path("data").path("metric").asString();
		}

	}

}
