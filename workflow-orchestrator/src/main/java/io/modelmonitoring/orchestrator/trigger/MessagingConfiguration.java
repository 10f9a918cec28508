package io.modelmonitoring.orchestrator.trigger;

import io.modelmonitoring.contracts.MessageTypes;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the orchestrator declares on the broker, idempotently, each time it connects: the
 * events exchange, and the worker's queue bound to it for triggers, with the same
 * arguments as the worker declares it (a plain durable queue, no {@code x-} arguments).
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	@Bean
	TopicExchange eventsExchange(MessagingProperties properties) {
		return new TopicExchange(properties.exchange(), true, false);
	}

	@Bean
	Queue batchJobsQueue(MessagingProperties properties) {
		return new Queue(properties.batchJobsQueue(), true, false, false);
	}

	@Bean
	Binding batchJobsBinding(Queue batchJobsQueue, TopicExchange eventsExchange) {
		return BindingBuilder.bind(batchJobsQueue).to(eventsExchange).with(MessageTypes.JOB_TRIGGER);
	}

	/**
	 * A returned trigger is handled by the publisher, from its correlation data; this
	 * only keeps the template from warning that nobody listens for returns.
	 */
	@Bean
	RabbitTemplateCustomizer returnsHandledByThePublisher() {
		return (template) -> template.setReturnsCallback((returned) -> {
		});
	}

	/**
	 * Boot applies this converter to the RabbitTemplate: JSON with the application's
	 * mapper.
	 */
	@Bean
	MessageConverter jsonMessageConverter(JsonMapper jsonMapper) {
		return new JacksonJsonMessageConverter(jsonMapper);
	}

}
