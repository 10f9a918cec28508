package io.modelmonitoring.orchestrator.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelmonitoring.orchestrator.WorkflowOrchestratorApplication;
import io.modelmonitoring.testsupport.TcpProxy;
import io.modelmonitoring.testsupport.TestServers;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole orchestrator with RabbitMQ out of reach when its schedule fires: the local
 * RabbitMQ behind a TCP proxy that refuses connections until the test restores it, and
 * mongo-java-server. The schedule fires once, at a second a few seconds after start-up. A
 * fire the broker could not take is published once the broker is back, once, with its
 * scheduled time; one the broker does not take within the grace period is given up and
 * counted. The misfire policy runs with its shipped grace (6 h) in the first case; only
 * its retry interval is short, and the publisher makes one attempt per try, so that the
 * test does not wait for them.
 */
class MissedFireIntegrationTests {

	/** Time for the application to start before its one fire. */
	static final Duration LEAD = Duration.ofSeconds(12);

	final String exchange = TestServers.uniqueName("test.orchestrator.events");

	final String queue = TestServers.uniqueName("test.orchestrator.batch-jobs");

	final String database = "orchestrator_misfire_" + System.nanoTime();

	final TestServers.Rabbit rabbit = new TestServers.Rabbit();

	final TcpProxy broker = TcpProxy.cutFromTheStart(TestServers.RABBIT_PORT);

	final JsonMapper json = JsonMapper.builder().build();

	ConfigurableApplicationContext orchestrator;

	@BeforeEach
	void declareTheTestQueue() {
		TopicExchange topic = new TopicExchange(this.exchange, true, false);
		Queue batchJobs = new Queue(this.queue, true, false, false);
		this.rabbit.admin().declareExchange(topic);
		this.rabbit.admin().declareQueue(batchJobs);
		this.rabbit.admin().declareBinding(BindingBuilder.bind(batchJobs).to(topic).with("workflow.job.trigger"));
	}

	@AfterEach
	void stopAndDeleteTheTestQueueAndExchange() {
		if (this.orchestrator != null) {
			this.orchestrator.close();
		}
		this.broker.close();
		this.rabbit.delete(this.queue, this.exchange);
		this.rabbit.close();
	}

	@Test
	void aFireDuringABrokerOutageIsPublishedOnceTheBrokerIsBackWithItsScheduledTime() {
		Instant fireAt = start("6h");

		Document fire = awaitFire((found) -> found.getString("lastError") != null);
		assertThat(fire.getString("status")).isEqualTo("pending");
		assertThat(fire.getDate("scheduledFor").toInstant()).isEqualTo(fireAt);
		assertThat(fire.getString("lastError")).contains("cannot publish to RabbitMQ");
		assertThat(this.rabbit.receive(this.queue, Duration.ZERO)).isNull();

		this.broker.restore();
		Message message = await().atMost(Duration.ofSeconds(15))
			.until(() -> this.rabbit.receive(this.queue, Duration.ofMillis(500)), (received) -> received != null);

		JsonNode trigger = this.json.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
		assertThat(trigger.path("id").asString()).isEqualTo(fire.getString("triggerId"));
		assertThat(message.getMessageProperties().getMessageId()).isEqualTo(fire.getString("triggerId"));
		assertThat(Instant.parse(trigger.path("timestamp").asString())).isEqualTo(fireAt);
		assertThat(trigger.path("triggeredBy").asString()).isEqualTo("schedule");
		assertThat(trigger.path("job").asString()).isEqualTo("model-monitoring");
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(fires().get(0).getString("status")).isEqualTo("published"));
		// Several retry intervals later, still one.
		assertThat(this.rabbit.receive(this.queue, Duration.ofSeconds(3))).isNull();
		assertThat(fires()).hasSize(1);
		assertThat(counter("batch_job_triggers", null)).isEqualTo(1);
		assertThat(counter("batch_job_trigger_failures", "publish")).isZero();
		assertThat(counter("batch_job_trigger_failures", "lock")).isZero();
	}

	@Test
	void aFireTheBrokerDoesNotTakeWithinTheGracePeriodIsGivenUpAndCounted() {
		start("3s");

		Document fire = awaitFire((found) -> "given_up".equals(found.getString("status")));
		assertThat(fire.getString("lastError")).isNotBlank();
		assertThat(counter("batch_job_trigger_failures", "publish")).isEqualTo(1);

		this.broker.restore();
		assertThat(this.rabbit.receive(this.queue, Duration.ofSeconds(3))).isNull();
		assertThat(counter("batch_job_triggers", null)).isZero();
		assertThat(counter("batch_job_trigger_failures", "publish")).isEqualTo(1);
	}

	/**
	 * Starts the orchestrator on a schedule that fires once, at a whole second
	 * {@link #LEAD} from now.
	 * @return that second
	 */
	private Instant start(String grace) {
		ZonedDateTime at = Instant.now().plus(LEAD).truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
		String once = String.format("%d %d %d %d %d *", at.getSecond(), at.getMinute(), at.getHour(),
				at.getDayOfMonth(), at.getMonthValue());
		this.orchestrator = new SpringApplicationBuilder(WorkflowOrchestratorApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.mongodb.uri=" + TestServers.mongoUri(this.database),
					"--spring.rabbitmq.addresses=amqp://guest:guest@127.0.0.1:" + this.broker.port(),
					"--messaging.exchange=" + this.exchange, "--messaging.batch_jobs_queue=" + this.queue,
					"--batch_jobs.model_monitoring_cron=" + once, "--batch_jobs.misfire_grace=" + grace,
					"--batch_jobs.misfire_retry_interval=500ms", "--messaging.publish.attempts=1");
		assertThat(Instant.now()).as("the orchestrator started after the time it was to fire").isBefore(at.toInstant());
		return at.toInstant();
	}

	private Document awaitFire(java.util.function.Predicate<Document> condition) {
		return await().atMost(LEAD.plusSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> fires().stream().filter(condition).findFirst().orElse(null), (found) -> found != null);
	}

	private List<Document> fires() {
		try (MongoClient client = MongoClients.create(TestServers.mongoUri(this.database))) {
			return client.getDatabase(this.database)
				.getCollection(ScheduledFires.COLLECTION)
				.find()
				.into(new ArrayList<>());
		}
	}

	private double counter(String name, String reason) {
		var search = this.orchestrator.getBean(MeterRegistry.class).get(name).tag("batch_job", "model-monitoring");
		return ((reason != null) ? search.tag("reason", reason) : search).counter().count();
	}

}
