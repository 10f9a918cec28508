package io.modelmonitoring.mlservice.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.modelmonitoring.contracts.EventEnvelope;
import io.modelmonitoring.testsupport.TestServers;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's events from the outbox to the local RabbitMQ, on an exchange of the test's own,
 * with the outbox on mongo-java-server: what is claimed, what is marked sent, what stays
 * pending, and how many MongoDB commands it takes.
 */
class MonitoringEventPublisherTests {

	private static final Duration RECEIVE = Duration.ofSeconds(10);

	private final OutboxDatabase database = new OutboxDatabase();

	private final EventOutbox outbox = this.database.outbox();

	private final String exchange = TestServers.uniqueName("test.ml-service.outbox");

	private final List<CachingConnectionFactory> connections = new ArrayList<>();

	private final RabbitAdmin admin = new RabbitAdmin(connection(TestServers.RABBIT_PORT));

	private final Queue queue = declareQueue();

	@AfterEach
	void close() {
		this.admin.deleteQueue(this.queue.getName());
		this.admin.deleteExchange(this.exchange);
		this.connections.forEach(CachingConnectionFactory::destroy);
		this.database.close();
	}

	/**
	 * One run of the benchmark's size, 43 events: recorded in one insert and read back in
	 * one query, claimed in one update, marked sent in one update, counted in one
	 * aggregate; the indexes only with the first run of the process. Before, each event
	 * took an insert, a findAndModify and an update of its own, and every run created the
	 * two indexes: 3 × 43 + 4 = 133 commands.
	 */
	@Test
	void aRunsDeliveryTakesFiveMongoCommandsWhateverItsNumberOfEvents() {
		MonitoringEventPublisher publisher = publisher(TestServers.RABBIT_PORT, this.exchange);
		List<List<String>> runs = new ArrayList<>();
		for (String runId : List.of("run-1", "run-2")) {
			List<EventEnvelope<?>> events = events(runId, 43);
			this.database.takeCommands();
			List<OutboxEntry> unsent = this.outbox.record(runId, events);
			int confirmed = publisher.publishForRun(runId, unsent);
			long sent = this.outbox.sentOf(runId);
			List<String> commands = this.database.takeCommands();
			System.out.printf("outbox delivery of %s: %d events, %d confirmed, %d sent, %d MongoDB commands %s%n",
					runId, events.size(), confirmed, sent, commands.size(), countByName(commands));
			assertThat(confirmed).isEqualTo(43);
			assertThat(sent).isEqualTo(43);
			runs.add(commands);
		}
		assertThat(runs.get(0)).containsExactly("createIndexes", "createIndexes", "insert", "find", "update", "update",
				"aggregate");
		assertThat(runs.get(1)).containsExactly("insert", "find", "update", "update", "aggregate");
		assertThat(receivedIds(86)).containsExactlyElementsOf(ids("run-1", 43, "run-2", 43));
	}

	@Test
	void theConfirmedEventsAreMarkedSentTogetherEachClaimedOnce() {
		MonitoringEventPublisher publisher = publisher(TestServers.RABBIT_PORT, this.exchange);
		List<OutboxEntry> unsent = this.outbox.record("run-1", events("run-1", 3));
		this.database.takeCommands();

		assertThat(publisher.publishForRun("run-1", unsent)).isEqualTo(3);

		assertThat(this.database.takeCommands()).containsExactly("update", "update");
		List<Document> stored = stored();
		assertThat(stored).extracting((entry) -> entry.getString("status")).containsOnly("sent");
		assertThat(stored).extracting((entry) -> entry.getInteger("attempts")).containsOnly(1);
		assertThat(stored).extracting((entry) -> entry.getDate("sentAt")).doesNotContainNull().hasSize(3);
		assertThat(receivedIds(3)).containsExactlyElementsOf(ids("run-1", 3));
	}

	@Test
	void anEventAnotherOwnerHoldsIsLeftToItAndTheOthersGoInOrder() {
		MonitoringEventPublisher publisher = publisher(TestServers.RABBIT_PORT, this.exchange);
		List<OutboxEntry> unsent = this.outbox.record("run-1", events("run-1", 3));
		Date heldUntil = heldByTheRelay("run-1-e1");

		assertThat(publisher.publishForRun("run-1", unsent)).isEqualTo(2);

		assertThat(receivedIds(2)).containsExactly("run-1-e0", "run-1-e2");
		Document held = stored("run-1-e1");
		assertThat(held.getString("status")).isEqualTo("pending");
		assertThat(held.getString("claimedBy")).isEqualTo("relay:other");
		assertThat(held.getDate("claimedUntil")).isEqualTo(heldUntil);
		assertThat(held.getInteger("attempts")).isEqualTo(1);
		assertThat(stored("run-1-e0").getString("status")).isEqualTo("sent");
		assertThat(stored("run-1-e2").getString("status")).isEqualTo("sent");
	}

	@Test
	void aRunTakenOverPublishesWhatItsFirstAttemptLeftPendingOnce() {
		MonitoringEventPublisher publisher = publisher(TestServers.RABBIT_PORT, this.exchange);
		// The first attempt recorded the events, claimed by the run, and died.
		this.outbox.record("run-1", events("run-1", 2));

		List<OutboxEntry> unsent = this.outbox.record("run-1", events("run-1", 2));

		assertThat(publisher.publishForRun("run-1", unsent)).isEqualTo(2);
		assertThat(receivedIds(2)).containsExactlyElementsOf(ids("run-1", 2));
		assertThat(this.outbox.pending()).isZero();
	}

	@Test
	void anEventThatCannotBeSentStaysPendingWithEveryOneAfterItForTheRelay() {
		MonitoringEventPublisher publisher = publisher(TestServers.closedPort(), this.exchange);
		List<OutboxEntry> unsent = this.outbox.record("run-1", events("run-1", 4));
		heldByTheRelay("run-1-e0");

		assertThat(publisher.publishForRun("run-1", unsent)).isZero();

		Document tried = stored("run-1-e1");
		assertThat(tried.getInteger("attempts")).isEqualTo(1);
		assertThat(tried.getString("lastError")).startsWith("cannot publish to RabbitMQ (");
		for (String untried : List.of("run-1-e2", "run-1-e3")) {
			assertThat(stored(untried).getInteger("attempts")).as(untried).isZero();
			assertThat(stored(untried).getString("lastError")).as(untried).isEqualTo(tried.getString("lastError"));
		}
		assertThat(stored("run-1-e0").getString("lastError")).isNull();
		assertThat(this.outbox.pending()).isEqualTo(4);
		// released, so the relay's next pass takes them, in order; not the one still held
		assertThat(this.outbox.due(10)).extracting(OutboxEntry::id).containsExactly("run-1-e1", "run-1-e2", "run-1-e3");
	}

	@Test
	void eventsTheBrokerDoesNotConfirmStayPendingForTheRelay() {
		// The exchange does not exist: the broker closes the channel, no confirm comes.
		MonitoringEventPublisher publisher = publisher(TestServers.RABBIT_PORT,
				TestServers.uniqueName("test.ml-service.missing"));
		List<OutboxEntry> unsent = this.outbox.record("run-1", events("run-1", 3));

		assertThat(publisher.publishForRun("run-1", unsent)).isZero();

		// The broker closes the channel a moment after the first send: the later events
		// are
		// sent unconfirmed (one attempt each) or refused by the closed channel, untried
		// (no
		// attempt counted), as the timing falls. Either way none is lost.
		assertThat(stored()).allSatisfy((entry) -> {
			assertThat(entry.getString("status")).isEqualTo("pending");
			assertThat(entry.getInteger("attempts")).isBetween(0, 1);
			assertThat(entry.getString("lastError")).isNotBlank();
		});
		assertThat(stored("run-1-e0").getInteger("attempts")).isEqualTo(1);
		assertThat(this.outbox.due(10)).extracting(OutboxEntry::id).containsExactlyElementsOf(ids("run-1", 3));
	}

	/** Claims the event as another instance's relay does: for a while, one attempt. */
	private Date heldByTheRelay(String id) {
		Date until = Date.from(Instant.now().plus(Duration.ofMinutes(1)));
		this.database.mongo()
			.updateFirst(new Query(Criteria.where("_id").is(id)),
					new Update().set("claimedBy", "relay:other").set("claimedUntil", until).inc("attempts", 1),
					EventOutbox.COLLECTION);
		return until;
	}

	private MonitoringEventPublisher publisher(int port, String exchange) {
		return new MonitoringEventPublisher(new RabbitTemplate(connection(port)),
				new MessagingProperties(exchange, Duration.ofSeconds(5)), this.outbox);
	}

	private CachingConnectionFactory connection(int port) {
		if (port == TestServers.RABBIT_PORT) {
			TestServers.rabbitAddresses();
		}
		CachingConnectionFactory connection = new CachingConnectionFactory(TestServers.RABBIT_HOST, port);
		connection.setUsername("guest");
		connection.setPassword("guest");
		connection.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
		this.connections.add(connection);
		return connection;
	}

	private Queue declareQueue() {
		TopicExchange exchange = new TopicExchange(this.exchange, false, true);
		this.admin.declareExchange(exchange);
		Queue queue = new Queue(TestServers.uniqueName("test.ml-service.outbox"), false, false, false);
		this.admin.declareQueue(queue);
		this.admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with("ml.model.#"));
		return queue;
	}

	private List<String> receivedIds(int count) {
		RabbitTemplate template = new RabbitTemplate(this.admin.getRabbitTemplate().getConnectionFactory());
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Message message = template.receive(this.queue.getName(), RECEIVE.toMillis());
			assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
			ids.add(message.getMessageProperties().getMessageId());
		}
		assertThat(template.receive(this.queue.getName())).as("a message more than %d", count).isNull();
		return ids;
	}

	private List<Document> stored() {
		return this.database.mongo().findAll(Document.class, EventOutbox.COLLECTION);
	}

	private Document stored(String id) {
		return this.database.mongo().findById(id, Document.class, EventOutbox.COLLECTION);
	}

	private static List<EventEnvelope<?>> events(String runId, int count) {
		return EventOutboxTests.events(runId, 1, names(count));
	}

	/** The ids of the events of each run given as run id, count, run id, count… */
	private static List<String> ids(Object... runsAndCounts) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < runsAndCounts.length; i += 2) {
			for (String name : names((int) runsAndCounts[i + 1])) {
				ids.add(runsAndCounts[i] + "-" + name);
			}
		}
		return ids;
	}

	private static String[] names(int count) {
		String[] names = new String[count];
		for (int i = 0; i < count; i++) {
			names[i] = "e" + i;
		}
		return names;
	}

	private static Map<String, Integer> countByName(List<String> commands) {
		Map<String, Integer> counts = new TreeMap<>();
		commands.forEach((name) -> counts.merge(name, 1, Integer::sum));
		return counts;
	}

}
