package io.modelmonitoring.riskanalytics.worker;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.modelmonitoring.riskanalytics.RiskAnalyticsApplication;
import io.modelmonitoring.riskanalytics.support.ScriptedMlService;
import io.modelmonitoring.riskanalytics.support.TestBroker;
import io.modelmonitoring.testsupport.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trigger, two workers one after the other (a restart, or a second replica), against
 * the local RabbitMQ: the first completes it and reports it; the trigger then comes again
 * to the second as a redelivery (taken by a worker that died before acknowledging it, as
 * after a kill right after publishing). ml-service first answers 503 to the second
 * worker, then with the run's stored answer. The second never reports {@code failed}: it
 * waits, then reports the same {@code completed}, with the same message id, which a
 * consumer drops as a copy.
 */
class OutcomeOnceAcrossWorkersIntegrationTests {

	private final TestBroker broker = TestBroker.start();

	private final ScriptedMlService mlService = new ScriptedMlService();

	@AfterEach
	void cleanUp() {
		this.mlService.close();
		this.broker.close();
	}

	@Test
	void aTriggerOneWorkerCompletedIsNeverReportedFailedByTheNext() throws Exception {
		String id = UUID.randomUUID().toString();
		String trigger = "{\"id\": \"" + id + "\", \"job\": \"model-monitoring\", \"timestamp\": \""
				+ java.time.Instant.now() + "\"}";
		this.mlService.script(id, ScriptedMlService.success(id),
				ScriptedMlService.problem(503, "Service Unavailable", "MongoDB unavailable"),
				ScriptedMlService.problem(503, "Service Unavailable", "MongoDB unavailable"),
				ScriptedMlService.problem(503, "Service Unavailable", "MongoDB unavailable"),
				ScriptedMlService.success(id).newBuilder().addHeader("Idempotent-Replayed", "true").build());

		try (ConfigurableApplicationContext first = worker()) {
			this.broker.publishTrigger(trigger, id);
			await().atMost(Duration.ofSeconds(20)).until(() -> outcomesOf(id).size() == 1);
		}
		this.broker.publishTrigger(trigger, id);
		takeAndDieBeforeAcknowledging(this.broker.queue);
		try (ConfigurableApplicationContext second = worker()) {
			await().atMost(Duration.ofSeconds(20)).until(() -> outcomesOf(id).size() == 2);
			// a failed outcome after the second completed one would come within the
			// retries' few hundred milliseconds
			Thread.sleep(1_000);
		}

		List<Message> outcomes = outcomesOf(id);
		assertThat(outcomes).extracting((message) -> message.getMessageProperties().getType())
			.containsExactly("workflow.job.completed", "workflow.job.completed");
		assertThat(outcomes).extracting((message) -> message.getMessageProperties().getMessageId())
			.as("one message id: the copy is dropped by consumers")
			.containsOnly(outcomes.get(0).getMessageProperties().getMessageId());
		assertThat(TestBroker.body(outcomes.get(1))).contains("\"runId\":\"run-" + id);
		assertThat(this.mlService.requestsFor(id)).as("1 + 3 attempts + the replay").hasSize(5);
		assertThat(this.broker.parked(TestBroker.header("x-trigger-id", id))).isNull();
	}

	/**
	 * The wait in the queue has an end: a redelivered trigger older than
	 * {@code batch_jobs.retry.redelivered_requeue_for} whose retries fail is reported
	 * failed and parked, not put back again.
	 */
	@Test
	void aRedeliveredTriggerTooOldToWaitIsReportedFailed() throws Exception {
		String id = UUID.randomUUID().toString();
		String trigger = "{\"id\": \"" + id + "\", \"job\": \"model-monitoring\", \"timestamp\": \""
				+ java.time.Instant.now().minus(Duration.ofHours(7)) + "\"}";
		this.mlService.script(id, ScriptedMlService.problem(503, "Service Unavailable", "MongoDB unavailable"),
				ScriptedMlService.problem(503, "Service Unavailable", "MongoDB unavailable"),
				ScriptedMlService.problem(503, "Service Unavailable", "MongoDB unavailable"));
		try (ConfigurableApplicationContext declaring = worker()) {
			// a worker declares its queue and binding; this one goes before the trigger
			// comes
		}
		this.broker.publishTrigger(trigger, id);
		takeAndDieBeforeAcknowledging(this.broker.queue);

		try (ConfigurableApplicationContext worker = worker()) {
			await().atMost(Duration.ofSeconds(20)).until(() -> outcomesOf(id).size() == 1);
		}

		assertThat(outcomesOf(id)).extracting((message) -> message.getMessageProperties().getType())
			.containsExactly("workflow.job.failed");
		assertThat(this.mlService.requestsFor(id)).as("3 attempts, no more").hasSize(3);
	}

	private List<Message> outcomesOf(String id) {
		return this.broker.outcomes((message) -> WorkerIntegrationTestBase.isOutcome(message)
				&& TestBroker.body(message).contains("\"triggerId\":\"" + id + "\""));
	}

	/**
	 * A consumer that takes the next trigger and goes away without acknowledging it: the
	 * broker delivers it again, marked redelivered.
	 */
	private static void takeAndDieBeforeAcknowledging(String queue) throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri(TestServers.rabbitAddresses().split(",")[0]);
		try (Connection connection = factory.newConnection()) {
			Channel channel = connection.createChannel();
			GetResponse taken = await().atMost(Duration.ofSeconds(10))
				.until(() -> channel.basicGet(queue, false), (response) -> response != null);
			assertThat(taken.getEnvelope().isRedeliver()).isFalse();
		}
	}

	private ConfigurableApplicationContext worker() {
		return new SpringApplicationBuilder(RiskAnalyticsApplication.class).run("--server.port=0",
				"--spring.rabbitmq.addresses=" + TestServers.rabbitAddresses(),
				"--messaging.exchange=" + this.broker.exchange, "--messaging.batch_jobs_queue=" + this.broker.queue,
				"--batch_jobs.worker.error_queue=" + this.broker.errorQueue, "--batch_jobs.retry.max_attempts=3",
				"--batch_jobs.retry.initial_delay=50ms", "--batch_jobs.retry.max_delay=200ms",
				"--services.ml_service.url=" + this.mlService.url());
	}

}
