package io.modelmonitoring.orchestrator.trigger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelmonitoring.orchestrator.schedule.BatchJobsProperties;
import io.modelmonitoring.testsupport.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The publisher on its own, with a RabbitTemplate set up as Boot sets it up from
 * application.yml (correlated confirms, returns, mandatory): what it does when a trigger
 * cannot be delivered.
 */
class JobTriggerPublisherTests {

	static final String EXCHANGE = TestServers.uniqueName("test.orchestrator.events");

	final MeterRegistry registry = new SimpleMeterRegistry();

	final TriggerMetrics metrics = new TriggerMetrics(this.registry, new BatchJobsProperties("0 6 * * 0", "UTC",
			new BatchJobsProperties.Lock(Duration.ofMinutes(30), Duration.ofMinutes(5))));

	final MessagingProperties properties = new MessagingProperties(EXCHANGE, "unused", Duration.ofSeconds(5),
			new MessagingProperties.Publish(3, Duration.ofMillis(20)));

	CachingConnectionFactory connectionFactory;

	@AfterEach
	void closeConnection() {
		this.connectionFactory.destroy();
	}

	@Test
	void aTriggerNoQueueTakesIsRetriedThenCountedAsFailed() {
		JobTriggerPublisher publisher = publisher(TestServers.RABBIT_PORT);
		RabbitAdmin admin = new RabbitAdmin(this.connectionFactory);
		admin.declareExchange(new TopicExchange(EXCHANGE, false, true));
		try {
			assertThatExceptionOfType(TriggerNotPublishedException.class)
				.isThrownBy(() -> publisher.publish("model-monitoring", List.of("tenant-1"), "manual"))
				.withMessageContaining("after 3 attempt(s)")
				.withMessageContaining("returned it as unroutable (NO_ROUTE)");
		}
		finally {
			admin.deleteExchange(EXCHANGE);
		}
		assertThat(count("batch_job_trigger_failures", "publish")).isEqualTo(1);
		assertThat(count("batch_job_triggers", null)).isZero();
	}

	@Test
	void aTriggerWithoutBrokerIsRetriedThenCountedAsFailed() {
		JobTriggerPublisher publisher = publisher(TestServers.closedPort());

		assertThatExceptionOfType(TriggerNotPublishedException.class)
			.isThrownBy(() -> publisher.publish("model-monitoring", List.of(), "schedule"))
			.withMessageContaining("after 3 attempt(s)")
			.withMessageContaining("cannot publish to RabbitMQ")
			.satisfies((ex) -> assertThat(ex.triggerId()).isNotBlank());
		assertThat(count("batch_job_trigger_failures", "publish")).isEqualTo(1);
		assertThat(count("batch_job_trigger_failures", "lock")).isZero();
		assertThat(count("batch_job_triggers", null)).isZero();
	}

	private JobTriggerPublisher publisher(int port) {
		this.connectionFactory = new CachingConnectionFactory(TestServers.RABBIT_HOST, port);
		this.connectionFactory.setUsername("guest");
		this.connectionFactory.setPassword("guest");
		this.connectionFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
		this.connectionFactory.setPublisherReturns(true);
		RabbitTemplate template = new RabbitTemplate(this.connectionFactory);
		template.setMandatory(true);
		template.setMessageConverter(new JacksonJsonMessageConverter(JsonMapper.builder().build()));
		return new JobTriggerPublisher(template, new RabbitAdmin(this.connectionFactory), this.properties, this.metrics,
				Clock.systemUTC());
	}

	private double count(String name, String reason) {
		var search = this.registry.get(name).tag("batch_job", "model-monitoring");
		return ((reason != null) ? search.tag("reason", reason) : search).counter().count();
	}

}
