package io.modelmonitoring.eventconsumers.alerting;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;

import io.modelmonitoring.eventconsumers.messaging.ConsumerMetrics;
import io.modelmonitoring.eventconsumers.messaging.ListenerContainers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.AbstractDeclarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The forwarder's Alertmanager client, its queue with one binding per consumed event
 * type, and its error queue, declared only when {@code alerting.alertmanager_url} is set.
 */
@Configuration(proxyBeanMethods = false)
class AlertingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AlertingConfiguration.class);

	static final String CONSUMER = "alert_forwarder";

	/**
	 * The JDK's HttpClient, HTTP/1.1 (Alertmanager serves nothing else over plain HTTP),
	 * with the configured connect and read timeouts.
	 */
	@Bean
	AlertmanagerClient alertmanagerClient(RestClient.Builder builder, AlertingProperties properties,
			AlertMetrics metrics, ConsumerMetrics consumerMetrics) {
		consumerMetrics.enabled(CONSUMER, properties.enabled());
		if (!properties.enabled()) {
			log.info("alert forwarder off: alerting.alertmanager_url (ALERTING_ALERTMANAGER_URL) is not set; "
					+ "queue {} is not consumed", properties.queue());
			return new AlertmanagerClient(null, null, metrics);
		}
		String url = properties.alertmanagerUrl().strip().replaceAll("/+$", "");
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(properties.connectTimeout(), properties.readTimeout());
		RestClient rest = builder.clone()
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1))
				.build(settings))
			.baseUrl(url)
			.build();
		log.info("alert forwarder: posting to {}{}; consuming queue {}; runbook {}", shown(url),
				AlertmanagerClient.ALERTS_PATH, properties.queue(),
				(properties.runbookBaseUrl() == null || properties.runbookBaseUrl().isBlank())
						? "not set (alerting.runbook_base_url): alerts carry no runbook_url"
						: properties.runbookBaseUrl());
		return new AlertmanagerClient(rest, shown(url), metrics);
	}

	/** The URL as logs, health and parked messages show it: without user and password. */
	static String shown(String url) {
		return url.replaceFirst("^(https?://)[^/@]*@", "$1");
	}

	@Bean
	AlertMapper alertMapper(AlertingProperties properties) {
		return new AlertMapper(properties);
	}

	@Bean
	Queue alertForwarderQueue(AlertingProperties properties) {
		Queue queue = QueueBuilder.durable(properties.queue()).build();
		queue.setShouldDeclare(properties.enabled());
		return queue;
	}

	@Bean
	Declarables alertForwarderBindings(Queue alertForwarderQueue, TopicExchange eventsExchange,
			AlertingProperties properties) {
		List<AbstractDeclarable> declarables = new ArrayList<>();
		for (String type : AlertName.consumedTypes()) {
			declarables.add(BindingBuilder.bind(alertForwarderQueue).to(eventsExchange).with(type));
		}
		declarables.add(QueueBuilder.durable(properties.errorQueue()).build());
		declarables.forEach((declarable) -> declarable.setShouldDeclare(properties.enabled()));
		return new Declarables(declarables);
	}

	@Bean
	SimpleRabbitListenerContainerFactory alertListenerContainerFactory(ListenerContainers containers,
			AlertingProperties properties) {
		return containers.factory(properties.queue(), properties.errorQueue(), properties.retry());
	}

	/**
	 * {@code alertForwarder} in {@code /actuator/health}: always up (Alertmanager being
	 * down shows in the parked and failure counts, not in this service's health).
	 */
	@Bean
	HealthIndicator alertForwarderHealthIndicator(AlertmanagerClient alertmanagerClient,
			AlertingProperties properties) {
		Health health = Health.up()
			.withDetail("enabled", alertmanagerClient.enabled())
			.withDetail("alertmanager",
					alertmanagerClient.enabled() ? alertmanagerClient.url()
							: "off: alerting.alertmanager_url (ALERTING_ALERTMANAGER_URL) is not set")
			.withDetail("queue", properties.queue())
			.build();
		return () -> health;
	}

}
