package io.modelmonitoring.eventconsumers.messaging;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The exchange the consumers bind to, declared idempotently like every service does. */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	@Bean
	TopicExchange eventsExchange(MessagingProperties messaging) {
		return new TopicExchange(messaging.exchange(), true, false);
	}

}
