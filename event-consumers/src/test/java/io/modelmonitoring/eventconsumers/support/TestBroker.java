package io.modelmonitoring.eventconsumers.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.modelmonitoring.testsupport.TestServers;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The test's own view of the local RabbitMQ ({@link TestServers}): an exchange and queue
 * names no other test run uses, publishing as ml-service and risk-analytics do, reading
 * the error queues, and clean-up of everything a run declared. Messages read from an
 * error queue are kept, so a test can wait for its own.
 */
public final class TestBroker implements AutoCloseable {

	public final String exchange;

	public final String auditQueue;

	public final String auditErrorQueue;

	public final String alertQueue;

	public final String alertErrorQueue;

	private final TestServers.Rabbit rabbit;

	private final RabbitAdmin admin;

	private final RabbitTemplate template;

	private final Map<String, List<Message>> read = new HashMap<>();

	private TestBroker(String name) {
		this.exchange = name;
		this.auditQueue = name + ".audit";
		this.auditErrorQueue = name + ".audit.errors";
		this.alertQueue = name + ".alerts";
		this.alertErrorQueue = name + ".alerts.errors";
		this.rabbit = new TestServers.Rabbit();
		this.admin = this.rabbit.admin();
		this.template = this.rabbit.template();
	}

	/** Checks the broker answers and declares the run's exchange. */
	public static TestBroker start(String prefix) {
		TestBroker broker = new TestBroker(TestServers.uniqueName(prefix));
		broker.admin.declareExchange(new TopicExchange(broker.exchange, true, false));
		return broker;
	}

	/**
	 * Publishes to the exchange as the services do: JSON, persistent, the AMQP message id
	 * and type set (null leaves them out).
	 */
	public void publish(String routingKey, String body, String messageId) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setMessageId(messageId);
		properties.setType(routingKey);
		this.template.send(this.exchange, routingKey, new Message(body.getBytes(StandardCharsets.UTF_8), properties));
	}

	/** The first message matching, read from the queue so far, or null. */
	public synchronized Message received(String queue, Predicate<Message> matching) {
		List<Message> seen = this.read.computeIfAbsent(queue, (name) -> new ArrayList<>());
		Message next;
		while ((next = this.template.receive(queue)) != null) {
			seen.add(next);
		}
		return seen.stream().filter(matching).findFirst().orElse(null);
	}

	/** How many messages wait in the queue (-1: no such queue). */
	public long depth(String queue) {
		var info = this.admin.getQueueInfo(queue);
		return (info != null) ? info.getMessageCount() : -1;
	}

	/** Whether the queue exists on the broker. */
	public boolean exists(String queue) {
		return this.admin.getQueueInfo(queue) != null;
	}

	public static Predicate<Message> messageId(String id) {
		return (message) -> id.equals(message.getMessageProperties().getMessageId());
	}

	public static String body(Message message) {
		return new String(message.getBody(), StandardCharsets.UTF_8);
	}

	/** Deletes every queue and the exchange the run declared. */
	@Override
	public void close() {
		try {
			for (String queue : List.of(this.auditQueue, this.auditErrorQueue, this.alertQueue, this.alertErrorQueue)) {
				this.admin.deleteQueue(queue);
			}
			this.admin.deleteExchange(this.exchange);
		}
		finally {
			this.rabbit.close();
		}
	}

}
