package io.modelmonitoring.riskanalytics.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.modelmonitoring.contracts.LogValues;
import io.modelmonitoring.contracts.MessageTypes;
import io.modelmonitoring.testsupport.TestServers;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The test's own view of the local RabbitMQ ({@link TestServers}): names no other test
 * run uses, a queue of its own bound for {@code workflow.job.*}, and clean-up of
 * everything a run declared. Messages read from a queue are kept, so a test can wait for
 * the one about its trigger while messages of other triggers arrive in between.
 */
public final class TestBroker implements AutoCloseable {

	/**
	 * How many of the last messages read {@link #describe()} shows, and how much of each
	 * body.
	 */
	private static final int DESCRIBED = 10;

	private static final int DESCRIBED_BODY_LENGTH = 300;

	public final String exchange;

	public final String queue;

	public final String errorQueue;

	public final String outcomeQueue;

	private final TestServers.Rabbit rabbit;

	private final RabbitAdmin admin;

	private final RabbitTemplate template;

	private final List<Message> outcomes = new ArrayList<>();

	private final List<Message> parked = new ArrayList<>();

	private TestBroker(String name) {
		this.exchange = name;
		this.queue = name + ".jobs";
		this.errorQueue = name + ".errors";
		this.outcomeQueue = name + ".outcomes";
		this.rabbit = new TestServers.Rabbit();
		this.admin = this.rabbit.admin();
		this.template = this.rabbit.template();
	}

	/**
	 * Checks the broker answers, then declares the test's exchange and its outcome queue
	 * bound for {@code workflow.job.*}.
	 */
	public static TestBroker start() {
		TestBroker broker = new TestBroker(TestServers.uniqueName("test.risk-analytics"));
		TopicExchange exchange = new TopicExchange(broker.exchange, true, false);
		Queue outcomes = new Queue(broker.outcomeQueue, false, false, false);
		broker.admin.declareExchange(exchange);
		broker.admin.declareQueue(outcomes);
		broker.admin.declareBinding(BindingBuilder.bind(outcomes).to(exchange).with("workflow.job.*"));
		return broker;
	}

	/** Publishes a trigger to the exchange with key {@code workflow.job.trigger}. */
	public void publishTrigger(String body, String messageId) {
		this.template.send(this.exchange, MessageTypes.JOB_TRIGGER, message(body, messageId));
	}

	/** Publishes a trigger as above, with AMQP headers of the test's choosing. */
	public void publishTrigger(String body, String messageId, Map<String, Object> headers) {
		Message message = message(body, messageId);
		message.getMessageProperties().getHeaders().putAll(headers);
		this.template.send(this.exchange, MessageTypes.JOB_TRIGGER, message);
	}

	/** Publishes straight to the worker's queue, as an operator does by hand. */
	public void publishToQueue(String body, String messageId) {
		this.template.send("", this.queue, message(body, messageId));
	}

	private static Message message(String body, String messageId) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setMessageId(messageId);
		return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
	}

	/**
	 * The first outcome message matching, read from the outcome queue so far, or null.
	 */
	public synchronized Message outcome(Predicate<Message> matching) {
		return find(this.outcomeQueue, this.outcomes, matching);
	}

	/** Every outcome message matching, read from the outcome queue so far. */
	public synchronized List<Message> outcomes(Predicate<Message> matching) {
		drain(this.outcomeQueue, this.outcomes);
		return this.outcomes.stream().filter(matching).toList();
	}

	/** The first error-queue message matching, read so far, or null. */
	public synchronized Message parked(Predicate<Message> matching) {
		return find(this.errorQueue, this.parked, matching);
	}

	private Message find(String queue, List<Message> seen, Predicate<Message> matching) {
		drain(queue, seen);
		return seen.stream().filter(matching).findFirst().orElse(null);
	}

	/** Reads what the queue holds into what was seen. */
	private void drain(String queue, List<Message> seen) {
		Message next;
		while ((next = this.template.receive(queue)) != null) {
			seen.add(next);
		}
	}

	/** How many messages wait in the queue. */
	public long depth(String queue) {
		var info = this.admin.getQueueInfo(queue);
		return (info != null) ? info.getMessageCount() : -1;
	}

	/**
	 * What the broker holds and what was read from it, for a test that waited in vain:
	 * each queue's depth and consumers, and the last outcomes and parked messages read.
	 */
	public synchronized String describe() {
		drain(this.outcomeQueue, this.outcomes);
		drain(this.errorQueue, this.parked);
		return "worker queue " + queueState(this.queue) + ", error queue " + queueState(this.errorQueue)
				+ "; outcome queue read " + this.outcomes.size() + ", the last: " + lastOf(this.outcomes)
				+ "; error queue read " + this.parked.size() + ", the last: " + lastOf(this.parked);
	}

	private String queueState(String queue) {
		var info = this.admin.getQueueInfo(queue);
		return (info != null) ? info.getMessageCount() + " messages, " + info.getConsumerCount() + " consumers"
				: "missing";
	}

	/**
	 * The last few messages, each as its routing key and the start of its body, escaped
	 * as a log line holds it.
	 */
	private static List<String> lastOf(List<Message> messages) {
		return messages.subList(Math.max(0, messages.size() - DESCRIBED), messages.size())
			.stream()
			.map((message) -> message.getMessageProperties().getReceivedRoutingKey() + " "
					+ LogValues.escape(body(message), DESCRIBED_BODY_LENGTH))
			.toList();
	}

	public static Predicate<Message> header(String name, Object value) {
		return (message) -> value.equals(message.getMessageProperties().getHeaders().get(name));
	}

	public static String body(Message message) {
		return new String(message.getBody(), StandardCharsets.UTF_8);
	}

	/** Deletes every queue and the exchange the run declared. */
	@Override
	public void close() {
		try {
			for (String queue : List.of(this.queue, this.errorQueue, this.outcomeQueue)) {
				this.admin.deleteQueue(queue);
			}
			this.admin.deleteExchange(this.exchange);
		}
		finally {
			this.rabbit.close();
		}
	}

}
