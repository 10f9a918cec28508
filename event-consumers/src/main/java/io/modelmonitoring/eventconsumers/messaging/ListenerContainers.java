package io.modelmonitoring.eventconsumers.messaging;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.stereotype.Component;

/**
 * Builds each consumer's listener container factory, all of one shape: Boot's settings
 * ({@code spring.rabbitmq.listener.simple.*}), then AUTO acknowledgement (a message is
 * acknowledged only once its listener returned: its write is durable, or it is parked),
 * never requeued by the container on an exception, and Spring AMQP's stateless retry
 * interceptor with the consumer's {@link ConsumerRetry} and a {@link ParkingRecoverer}
 * for its error queue.
 */
@Component
public class ListenerContainers {

	private final SimpleRabbitListenerContainerFactoryConfigurer configurer;

	private final ConnectionFactory connectionFactory;

	private final ErrorQueuePublisher errorQueue;

	private final ConsumerMetrics metrics;

	ListenerContainers(SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
			ErrorQueuePublisher errorQueue, ConsumerMetrics metrics) {
		this.configurer = configurer;
		this.connectionFactory = connectionFactory;
		this.errorQueue = errorQueue;
		this.metrics = metrics;
	}

	/**
	 * @param queue the consumer's queue
	 * @param errorQueue where the consumer parks what it gives up on
	 */
	public SimpleRabbitListenerContainerFactory factory(String queue, String errorQueue, ConsumerRetry retry) {
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		this.configurer.configure(factory, this.connectionFactory);
		factory.setAcknowledgeMode(AcknowledgeMode.AUTO);
		factory.setDefaultRequeueRejected(false);
		factory.setAdviceChain(RetryInterceptorBuilder.stateless()
			.retryPolicy(retry.policy())
			.recoverer(new ParkingRecoverer(queue, errorQueue, retry.maxAttempts(), this.errorQueue, this.metrics))
			.build());
		return factory;
	}

}
