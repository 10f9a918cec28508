package io.modelmonitoring.orchestrator.trigger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelmonitoring.contracts.MessageTypes;
import io.modelmonitoring.orchestrator.schedule.BatchJobsProperties;
import io.modelmonitoring.testsupport.LogCapture;
import io.modelmonitoring.testsupport.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
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

	final TriggerMetrics metrics = new TriggerMetrics(this.registry,
			new BatchJobsProperties("0 6 * * 0", "UTC",
					new BatchJobsProperties.Lock(Duration.ofMinutes(30), Duration.ofMinutes(5)), Duration.ofHours(6),
					Duration.ofSeconds(30)));

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

	/**
	 * The API refuses these values; the log does not rely on it. A tenant id or
	 * triggeredBy that would end the line, or reverse it, is logged escaped.
	 */
	@Test
	void aPublishedTriggerIsLoggedWithItsValuesEscaped() {
		JobTriggerPublisher publisher = publisher(TestServers.RABBIT_PORT);
		RabbitAdmin admin = new RabbitAdmin(this.connectionFactory);
		TopicExchange exchange = new TopicExchange(EXCHANGE, false, true);
		Queue queue = new Queue(TestServers.uniqueName("test.orchestrator.batch-jobs"), false, false, true);
		admin.declareExchange(exchange);
		admin.declareQueue(queue);
		admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with(MessageTypes.JOB_TRIGGER));
		try (LogCapture logs = LogCapture.start()) {
			publisher.publish("model-monitoring", List.of("t-1\r\nERROR forged tenant"), "bob\u2028ERROR\u202Eforged");

			assertThat(logs.events()).filteredOn((event) -> event.startsWith("published trigger"))
				.singleElement()
				.satisfies((event) -> assertThat(event).contains("tenants t-1\\r\\nERROR forged tenant")
					.contains("triggered by bob\\u2028ERROR\\u202Eforged")
					.doesNotContain("\r", "\n", "\u2028", "\u202E"));
		}
		finally {
			admin.deleteQueue(queue.getName());
			admin.deleteExchange(EXCHANGE);
		}
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
