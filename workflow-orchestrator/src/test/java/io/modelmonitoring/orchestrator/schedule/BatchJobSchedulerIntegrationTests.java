package io.modelmonitoring.orchestrator.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelmonitoring.orchestrator.WorkflowOrchestratorApplication;
import io.modelmonitoring.testsupport.TestServers;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of the orchestrator, each its own application context, on a fast cron
 * (every 2 seconds) against one MongoDB (mongo-java-server) and the local RabbitMQ: each
 * fire publishes exactly one trigger between them.
 */
class BatchJobSchedulerIntegrationTests {

	static final String EXCHANGE = TestServers.uniqueName("test.orchestrator.events");

	static final String QUEUE = TestServers.uniqueName("test.orchestrator.batch-jobs");

	static final String DATABASE = "orchestrator_scheduler_it";

	static final int FIRES = 3;

	final TestServers.Rabbit rabbit = new TestServers.Rabbit();

	final JsonMapper json = JsonMapper.builder().build();

	final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	@AfterEach
	void stopReplicasAndDeleteTestQueueAndExchange() {
		this.replicas.forEach(ConfigurableApplicationContext::close);
		this.rabbit.delete(QUEUE, EXCHANGE);
		this.rabbit.close();
	}

	@Test
	void twoReplicasPublishOneTriggerPerFire() {
		String mongoUri = TestServers.mongoUri(DATABASE);
		ConfigurableApplicationContext first = start(mongoUri);
		ConfigurableApplicationContext second = start(mongoUri);
		List<MeterRegistry> registries = List.of(first.getBean(MeterRegistry.class),
				second.getBean(MeterRegistry.class));

		List<JsonNode> triggers = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			Message message = this.rabbit.receive(QUEUE, Duration.ofSeconds(1));
			if (message != null) {
				triggers.add(read(message));
			}
			return triggers.size() >= FIRES;
		});
		this.replicas.forEach(ConfigurableApplicationContext::close);
		for (Message late = this.rabbit.receive(QUEUE, Duration.ZERO); late != null; late = this.rabbit.receive(QUEUE,
				Duration.ZERO)) {
			triggers.add(read(late));
		}

		Map<Long, Long> triggersPerFire = triggers.stream()
			.collect(Collectors.groupingBy(
					(trigger) -> Instant.parse(trigger.path("timestamp").asString()).getEpochSecond() / 2,
					Collectors.counting()));
		assertThat(triggersPerFire.values()).as("triggers per fire (2-second slots) of %s", triggers)
			.allMatch((count) -> count == 1);
		assertThat(triggers).allSatisfy((trigger) -> {
			assertThat(trigger.path("type").asString()).isEqualTo("workflow.job.trigger");
			assertThat(trigger.path("job").asString()).isEqualTo("model-monitoring");
			assertThat(trigger.path("source").asString()).isEqualTo("workflow-orchestrator");
			assertThat(trigger.path("triggeredBy").asString()).isEqualTo("schedule");
			assertThat(trigger.path("metadata").path("tenantIds").isEmpty()).isTrue();
		});
		assertThat(triggers.stream().map((trigger) -> trigger.path("id").asString()).distinct())
			.hasSize(triggers.size());
		double published = registries.stream()
			.mapToDouble((registry) -> registry.get("batch_job_triggers")
				.tag("batch_job", "model-monitoring")
				.counter()
				.count())
			.sum();
		assertThat(published).isEqualTo(triggers.size());

		try (MongoClient mongo = MongoClients.create(mongoUri)) {
			Document lock = mongo.getDatabase(DATABASE).getCollection("shedlock").find().first();
			assertThat(lock).isNotNull();
			assertThat(lock.getString("_id")).isEqualTo("model-monitoring");
			assertThat(lock.getDate("lockUntil")).isNotNull();
			assertThat(lock.getString("lockedBy")).isNotBlank();
		}
	}

	private ConfigurableApplicationContext start(String mongoUri) {
		Function<String, String> arg = (setting) -> "--" + setting;
		ConfigurableApplicationContext context = new SpringApplicationBuilder(WorkflowOrchestratorApplication.class)
			.web(WebApplicationType.NONE)
			.run(arg.apply("spring.mongodb.uri=" + mongoUri),
					arg.apply("spring.rabbitmq.addresses=" + TestServers.rabbitAddresses()),
					arg.apply("messaging.exchange=" + EXCHANGE), arg.apply("messaging.batch_jobs_queue=" + QUEUE),
					arg.apply("batch_jobs.model_monitoring_cron=*/2 * * * * *"),
					arg.apply("batch_jobs.lock.at_least_for=1s"), arg.apply("batch_jobs.lock.at_most_for=10s"));
		this.replicas.add(context);
		return context;
	}

	private JsonNode read(Message message) {
		return this.json.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
	}

}
