package io.modelmonitoring.mlservice.monitoring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.modelmonitoring.security.testing.TestTokens;
import io.modelmonitoring.testsupport.TcpProxy;
import io.modelmonitoring.testsupport.TestServers;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs complete while RabbitMQ is out of reach, their events wait in the outbox; once the
 * broker is back, the relay publishes all of them within seconds, not when the runs'
 * claims on their events run out. The broker is the local RabbitMQ behind a TCP proxy
 * that refuses connections until the test restores it. The outbox keeps its shipped
 * settings: the claim (2 minutes), which the drill saw most events wait out, the batch
 * (100), and the relay's interval (5 s), since a shorter one would hide a relay that
 * publishes one batch per interval (600 events: 30 s).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerOutageDrainIntegrationTests {

	static final String EXCHANGE = TestServers.uniqueName("test.ml-service.drain");

	static final String QUEUE = TestServers.uniqueName("test.ml-service.drain.events");

	static final TcpProxy BROKER = TcpProxy.cutFromTheStart(TestServers.RABBIT_PORT);

	static final int RUNS = 6;

	/** The evaluations a run reads per tenant ({@code evaluations_per_tenant}). */
	static final int MODELS_PER_RUN = 100;

	static final int EVENTS = RUNS * MODELS_PER_RUN;

	/**
	 * The relay's interval (5 s) and the publishing of a few hundred events, with room
	 * for a busy machine; well under the six intervals of one batch per pass.
	 */
	static final Duration DRAIN_BOUND = Duration.ofSeconds(15);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> TestServers.mongoUri("outbox_drain_it"));
		registry.add("spring.rabbitmq.addresses", () -> "amqp://guest:guest@127.0.0.1:" + BROKER.port());
		registry.add("messaging.exchange", () -> EXCHANGE);
		registry.add("data_lake.local_path", () -> "");
		registry.add("data_lake.connection_string", () -> "");
	}

	final TestServers.Rabbit rabbit = new TestServers.Rabbit();

	final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	MongoTemplate mongo;

	@Autowired
	JsonMapper json;

	@LocalServerPort
	int port;

	@BeforeAll
	void bindAQueueToTheTestExchange() {
		TopicExchange exchange = new TopicExchange(EXCHANGE, true, false);
		Queue queue = new Queue(QUEUE, false, false, true);
		this.rabbit.admin().declareExchange(exchange);
		this.rabbit.admin().declareQueue(queue);
		this.rabbit.admin().declareBinding(BindingBuilder.bind(queue).to(exchange).with("#"));
	}

	@AfterAll
	void deleteTheTestQueueAndExchange() {
		BROKER.close();
		this.rabbit.delete(QUEUE, EXCHANGE);
		this.rabbit.close();
	}

	@Test
	void everyEventOfAnOutageIsPublishedWithinSecondsOfTheBrokersReturn() throws Exception {
		// One degraded Brier per model: one event per model, 100 per run.
		List<Document> evaluations = new ArrayList<>();
		for (int run = 0; run < RUNS; run++) {
			for (int model = 0; model < MODELS_PER_RUN; model++) {
				evaluations.add(new Document("_id", "e-" + run + "-" + model).append("tenantId", "tenant-" + run)
					.append("modelId", "model-" + model)
					.append("createdAt", new Date())
					.append("brier", 0.5));
			}
		}
		this.mongo.insert(evaluations, "ml_evaluations");

		for (int run = 0; run < RUNS; run++) {
			HttpResponse<String> response = post("{\"tenantIds\": [\"tenant-" + run + "\"]}");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode answer = this.json.readTree(response.body());
			assertThat(answer.get("eventsPublished").asInt()).isZero();
			assertThat(answer.get("eventsPending").asInt()).isEqualTo(MODELS_PER_RUN);
		}
		Query pending = new Query(Criteria.where("status").is("pending"));
		assertThat(this.mongo.count(pending, "ml_event_outbox")).isEqualTo(EVENTS);
		// No run still holds a claim on an event it could not publish.
		Query heldByARun = new Query(Criteria.where("claimedBy").regex("^run:").and("claimedUntil").gt(new Date()));
		assertThat(this.mongo.count(heldByARun, "ml_event_outbox")).isZero();

		Set<String> received = new HashSet<>();
		BROKER.restore();
		long back = System.nanoTime();
		await().atMost(DRAIN_BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
			for (Message message = this.rabbit.receive(QUEUE, Duration.ZERO); message != null; message = this.rabbit
				.receive(QUEUE, Duration.ZERO)) {
				received.add(message.getMessageProperties().getMessageId());
			}
			return received.size() >= EVENTS;
		});
		Duration drained = Duration.ofNanos(System.nanoTime() - back);
		System.out.printf(
				"outbox drain: %d events of %d runs published %d ms after the broker was back " + "(relay every 5 s)%n",
				EVENTS, RUNS, drained.toMillis());

		assertThat(received).hasSize(EVENTS);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.mongo.count(pending, "ml_event_outbox")).isZero());
		assertThat(this.rabbit.receive(QUEUE, Duration.ofSeconds(1))).as("an event published twice").isNull();
	}

	private HttpResponse<String> post(String body) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/ml/model-monitoring/run"))
					.header("Content-Type", "application/json")
					.header("Authorization", "Bearer " + TestTokens.ML_SERVICE.valid())
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
