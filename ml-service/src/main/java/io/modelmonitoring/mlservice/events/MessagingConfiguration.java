package io.modelmonitoring.mlservice.events;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	/** Declared idempotently at connection time: every service declares what it uses. */
	@Bean
	TopicExchange eventsExchange(MessagingProperties properties) {
		return new TopicExchange(properties.exchange(), true, false);
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
