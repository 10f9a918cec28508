package io.modelmonitoring.riskanalytics.worker;

import io.modelmonitoring.contracts.MessageTypes;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * The worker's broker topology, listener container and retry policy. Exchange and queues
 * are declared idempotently at connection time, durable, with no broker-specific
 * arguments, so the same declarations work on RabbitMQ and on Qpid Broker-J.
 */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

	@Bean
	TopicExchange eventsExchange(MessagingProperties messaging) {
		return new TopicExchange(messaging.exchange(), true, false);
	}

	@Bean
	Queue batchJobsQueue(MessagingProperties messaging) {
		return QueueBuilder.durable(messaging.batchJobsQueue()).build();
	}

	@Bean
	Binding batchJobsBinding(Queue batchJobsQueue, TopicExchange eventsExchange) {
		return BindingBuilder.bind(batchJobsQueue).to(eventsExchange).with(MessageTypes.JOB_TRIGGER);
	}

	@Bean
	Queue batchJobsErrorQueue(WorkerProperties worker) {
		return QueueBuilder.durable(worker.errorQueue()).build();
	}

	/**
	 * Boot's container settings, then the worker's: one unacknowledged message per
	 * consumer, acknowledged after the listener returns, never requeued by the container
	 * on an exception (the worker handles its failures itself), and a shutdown that waits
	 * for the job in flight.
	 */
	@Bean
	SimpleRabbitListenerContainerFactory rabbitListenerContainerFactory(
			SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
			WorkerProperties worker) {
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		configurer.configure(factory, connectionFactory);
		factory.setAcknowledgeMode(AcknowledgeMode.AUTO);
		factory.setPrefetchCount(1);
		factory.setConcurrentConsumers(worker.concurrency());
		factory.setMaxConcurrentConsumers(worker.concurrency());
		factory.setDefaultRequeueRejected(false);
		factory.setMessageConverter(new RawBodyConverter());
		factory
			.setContainerCustomizer((container) -> container.setShutdownTimeout(worker.shutdownTimeout().toMillis()));
		return factory;
	}

	/**
	 * Boot applies it to the RabbitTemplate: outcomes as JSON with the application's
	 * mapper.
	 */
	@Bean
	MessageConverter jsonMessageConverter(JsonMapper jsonMapper) {
		return new JacksonJsonMessageConverter(jsonMapper);
	}

	@Bean
	TriggerParser triggerParser(JsonMapper jsonMapper, WorkerProperties worker) {
		return new TriggerParser(jsonMapper, worker.maxMessageSize());
	}

	@Bean
	RetryTemplate jobRetryTemplate(RetryProperties retry) {
		RetryPolicy policy = RetryPolicy.builder()
			.maxRetries(retry.maxAttempts() - 1)
			.delay(retry.initialDelay())
			.multiplier(retry.multiplier())
			.maxDelay(retry.maxDelay())
			.predicate(TransientJobFailureException.class::isInstance)
			.build();
		return new RetryTemplate(policy);
	}

	/**
	 * The container hands the listener the message as it came: converting a JSON body
	 * before the listener sees it would turn bad JSON into a container error the worker
	 * could not report.
	 */
	static final class RawBodyConverter implements MessageConverter {

		@Override
		public Message toMessage(Object object, MessageProperties messageProperties) {
			throw new MessageConversionException("the worker's listener container sends nothing");
		}

		@Override
		public Object fromMessage(Message message) {
			return message.getBody();
		}

	}

}
