package io.modelmonitoring.riskanalytics.worker;

import java.time.Duration;
import java.util.UUID;

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
 * A worker stopped while a job runs lets the job finish within the shutdown timeout,
 * reports it and acknowledges the trigger.
 */
class WorkerShutdownIntegrationTests {

	private final TestBroker broker = TestBroker.start();

	private final ScriptedMlService mlService = new ScriptedMlService();

	@AfterEach
	void cleanUp() {
		this.mlService.close();
		this.broker.close();
	}

	@Test
	void theJobInFlightFinishesBeforeTheWorkerStops() {
		// Command-line arguments: they override application.yml, default properties would
		// not.
		ConfigurableApplicationContext worker = new SpringApplicationBuilder(RiskAnalyticsApplication.class).run(
				"--server.port=0", "--spring.rabbitmq.addresses=" + TestServers.rabbitAddresses(),
				"--messaging.exchange=" + this.broker.exchange, "--messaging.batch_jobs_queue=" + this.broker.queue,
				"--batch_jobs.worker.error_queue=" + this.broker.errorQueue, "--batch_jobs.worker.shutdown_timeout=20s",
				"--services.ml_service.url=" + this.mlService.url());
		String id = UUID.randomUUID().toString();
		this.mlService.script(id, ScriptedMlService.slow(ScriptedMlService.success(id), 1500));
		this.broker.publishTrigger("{\"id\": \"" + id + "\", \"job\": \"model-monitoring\"}", id);
		await().atMost(Duration.ofSeconds(20)).until(() -> !this.mlService.requestsFor(id).isEmpty());

		worker.close();

		Message outcome = this.broker
			.outcome((message) -> "workflow.job.completed".equals(message.getMessageProperties().getType())
					&& TestBroker.body(message).contains(id));
		assertThat(outcome).as("completed outcome published before the worker stopped").isNotNull();
		assertThat(this.broker.depth(this.broker.queue)).isZero();
	}

}
