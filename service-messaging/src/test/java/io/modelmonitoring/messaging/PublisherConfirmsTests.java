package io.modelmonitoring.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.modelmonitoring.testsupport.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing with confirms against the local RabbitMQ, on an exchange of the test's own:
 * what counts as sent, and each way a message does not.
 */
class PublisherConfirmsTests {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	final String exchange = TestServers.uniqueName("test.service-messaging");

	CachingConnectionFactory connectionFactory;

	RabbitAdmin admin;

	@AfterEach
	void cleanUp() {
		if (this.admin != null) {
			this.admin.deleteExchange(this.exchange);
		}
		if (this.connectionFactory != null) {
			this.connectionFactory.destroy();
		}
	}

	@Test
	void aMessageTheBrokerTakesIsConfirmedWithItsIdTypeAndPersistence() {
		RabbitTemplate template = template(TestServers.RABBIT_PORT, false);
		Queue queue = this.admin.declareQueue();
		this.admin.declareBinding(BindingBuilder.bind(queue).to(exchange()).with("test.thing.made"));

		Confirmation confirmation = new PublisherConfirms(template).publish(this.exchange, "test.thing.made", "id-1",
				"{\"thing\": 1}", TIMEOUT);

		assertThat(confirmation.confirmed()).isTrue();
		assertThat(confirmation.failure()).isNull();
		Message received = template.receive(queue.getName(), TIMEOUT.toMillis());
		assertThat(received).isNotNull();
		MessageProperties properties = received.getMessageProperties();
		assertThat(properties.getMessageId()).isEqualTo("id-1");
		assertThat(properties.getType()).isEqualTo("test.thing.made");
		assertThat(properties.getReceivedRoutingKey()).isEqualTo("test.thing.made");
		assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
	}

	@Test
	void aBuiltMessageIsSentAsItIsAndAwaitedLater() {
		RabbitTemplate template = template(TestServers.RABBIT_PORT, false);
		Queue queue = this.admin.declareQueue();
		this.admin.declareBinding(BindingBuilder.bind(queue).to(exchange()).with("test.#"));
		Message message = MessageBuilder.withBody("{}".getBytes(StandardCharsets.UTF_8))
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setMessageId("id-2")
			.setType("test.thing.made")
			.build();

		PendingConfirm pending = new PublisherConfirms(template).send(this.exchange, "test.thing.made", message);

		assertThat(pending.await(TIMEOUT).outcome()).isEqualTo(Confirmation.Outcome.CONFIRMED);
		assertThat(template.receive(queue.getName(), TIMEOUT.toMillis()).getMessageProperties().getMessageId())
			.isEqualTo("id-2");
	}

	@Test
	void aMandatoryMessageNoQueueTakesComesBackAsReturned() {
		RabbitTemplate template = template(TestServers.RABBIT_PORT, true);
		exchange();

		Confirmation confirmation = new PublisherConfirms(template).publish(this.exchange, "test.thing.made", "id-3",
				"{}", TIMEOUT);

		assertThat(confirmation.outcome()).isEqualTo(Confirmation.Outcome.RETURNED);
		assertThat(confirmation.failure()).startsWith("RabbitMQ returned it as unroutable (NO_ROUTE) from exchange "
				+ this.exchange + " with key test.thing.made");
	}

	@Test
	void aMessageNoQueueTakesIsConfirmedWhenNotMandatory() {
		RabbitTemplate template = template(TestServers.RABBIT_PORT, false);
		exchange();

		assertThat(new PublisherConfirms(template).publish(this.exchange, "test.thing.made", "id-4", "{}", TIMEOUT)
			.confirmed()).isTrue();
	}

	@Test
	void aBrokerThatCannotBeReachedMeansNotSent() {
		RabbitTemplate template = template(TestServers.closedPort(), true);

		Confirmation confirmation = new PublisherConfirms(template).publish(this.exchange, "test.thing.made", "id-5",
				"{}", TIMEOUT);

		assertThat(confirmation.outcome()).isEqualTo(Confirmation.Outcome.NOT_SENT);
		assertThat(confirmation.failure()).startsWith("cannot publish to RabbitMQ (");
		assertThat(confirmation.cause()).isNotNull();
	}

	@Test
	void aConfirmThatDoesNotComeInTimeIsNoConfirm() {
		Confirmation confirmation = new PendingConfirm(new CorrelationData("id-6")).await(Duration.ofMillis(50));

		assertThat(confirmation.outcome()).isEqualTo(Confirmation.Outcome.NO_CONFIRM);
		assertThat(confirmation.failure()).isEqualTo("RabbitMQ did not confirm it within PT0.05S");
	}

	@Test
	void aNackIsRefusedWithTheBrokersReason() {
		CorrelationData correlation = new CorrelationData("id-7");
		correlation.getFuture().complete(new CorrelationData.Confirm(false, "queue full"));

		Confirmation confirmation = new PendingConfirm(correlation).await(TIMEOUT);

		assertThat(confirmation.outcome()).isEqualTo(Confirmation.Outcome.REFUSED);
		assertThat(confirmation.failure()).isEqualTo("RabbitMQ refused it (queue full)");
	}

	@Test
	void aWaitThatIsInterruptedGivesTheThreadItsFlagBack() {
		Thread.currentThread().interrupt();

		Confirmation confirmation = new PendingConfirm(new CorrelationData("id-8")).await(TIMEOUT);

		assertThat(Thread.interrupted()).isTrue();
		assertThat(confirmation.outcome()).isEqualTo(Confirmation.Outcome.INTERRUPTED);
	}

	/** As Boot builds it from the services' application.yml: correlated confirms. */
	private RabbitTemplate template(int port, boolean mandatory) {
		this.connectionFactory = new CachingConnectionFactory(TestServers.RABBIT_HOST, port);
		this.connectionFactory.setUsername("guest");
		this.connectionFactory.setPassword("guest");
		this.connectionFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
		this.connectionFactory.setPublisherReturns(mandatory);
		if (port == TestServers.RABBIT_PORT) {
			TestServers.rabbitAddresses();
			this.admin = new RabbitAdmin(this.connectionFactory);
		}
		RabbitTemplate template = new RabbitTemplate(this.connectionFactory);
		template.setMandatory(mandatory);
		return template;
	}

	private TopicExchange exchange() {
		TopicExchange exchange = new TopicExchange(this.exchange, false, true);
		this.admin.declareExchange(exchange);
		return exchange;
	}

}
