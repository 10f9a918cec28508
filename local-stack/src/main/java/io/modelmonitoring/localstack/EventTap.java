package io.modelmonitoring.localstack;

import java.io.IOException;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.modelmonitoring.contracts.MessagingNames;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Listens to everything the system publishes about jobs and models, on a queue of its own
 * bound to the events exchange, so the demo can show the events a real consumer would
 * get.
 */
final class EventTap implements AutoCloseable {

	static final String EXCHANGE = MessagingNames.DEFAULT_EXCHANGE;

	private final Connection connection;

	private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

	private final List<JsonNode> passedOver = new ArrayList<>();

	/** Put in the queue by {@link #cancel(String)} to end a wait at once. */
	private static final JsonNode CANCELLED = JsonMapper.shared().createObjectNode();

	private volatile String cancelled;

	private EventTap(Connection connection) {
		this.connection = connection;
	}

	static EventTap open(String amqpUrl, JsonMapper json)
			throws IOException, TimeoutException, URISyntaxException, GeneralSecurityException {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri(amqpUrl);
		Connection connection = factory.newConnection("local-stack-event-tap");
		EventTap tap = new EventTap(connection);
		Channel channel = connection.createChannel();
		channel.exchangeDeclare(EXCHANGE, "topic", true);
		String queue = channel.queueDeclare("", false, true, true, null).getQueue();
		for (String key : List.of("ml.model.#", "workflow.job.completed", "workflow.job.failed")) {
			channel.queueBind(queue, EXCHANGE, key);
		}
		channel.basicConsume(queue, true, (tag, delivery) -> tap.received.add(json.readTree(delivery.getBody())),
				(tag) -> {
				});
		return tap;
	}

	/**
	 * The first event received that matches, waiting up to the timeout; null if none
	 * came. The events received before it are kept for {@link #passedOver()}.
	 * @throws IllegalStateException once the tap was cancelled, with the reason given
	 */
	JsonNode await(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			if (this.cancelled != null) {
				throw new IllegalStateException(this.cancelled);
			}
			long left = deadline - System.nanoTime();
			JsonNode event = (left > 0) ? this.received.poll(left, TimeUnit.NANOSECONDS) : null;
			if (event == CANCELLED) {
				continue;
			}
			if (event == null || wanted.test(event)) {
				return event;
			}
			this.passedOver.add(event);
		}
	}

	/**
	 * Ends the current and every later {@link #await} with the reason: no event is coming
	 * (a service the events come through has died).
	 */
	void cancel(String reason) {
		this.cancelled = reason;
		this.received.add(CANCELLED);
	}

	/**
	 * The events an await passed over, and those received since. ml-service publishes its
	 * events, confirmed, before it answers the worker, and the worker publishes the job's
	 * outcome only then: so once the outcome is in, the run's events are too.
	 */
	List<JsonNode> passedOver() {
		this.received.drainTo(this.passedOver);
		this.passedOver.removeIf((event) -> event == CANCELLED);
		return List.copyOf(this.passedOver);
	}

	@Override
	public void close() throws IOException {
		// On SIGTERM the embedded broker's own shutdown may have closed it already.
		if (this.connection.isOpen()) {
			this.connection.close();
		}
	}

}
