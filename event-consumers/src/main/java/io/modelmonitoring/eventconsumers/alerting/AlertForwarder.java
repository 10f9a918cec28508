package io.modelmonitoring.eventconsumers.alerting;

import java.time.Clock;
import java.util.List;

import io.modelmonitoring.eventconsumers.messaging.ConsumedMessage;
import io.modelmonitoring.contracts.LogValues;
import io.modelmonitoring.eventconsumers.messaging.MessageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Forwards detected events to Alertmanager as alerts, and ends them on the resolved and
 * recovered events ({@link AlertMapper} says how). The event is acknowledged once
 * Alertmanager took the alert; when it cannot be reached the post is tried again with
 * back-off, then the event is parked in {@code ml_alert_forwarder.errors}, as is at once
 * an event Alertmanager refuses or that names no tenant or model. Posting the same alert
 * twice (a redelivery) is harmless: Alertmanager keeps one per label set. Consumes
 * nothing when no Alertmanager is configured.
 */
@Component
class AlertForwarder {

	private static final Logger logger = LoggerFactory.getLogger(AlertForwarder.class);

	private final MessageReader reader;

	private final AlertMapper mapper;

	private final AlertmanagerClient alertmanager;

	private final AlertMetrics metrics;

	private final Clock clock;

	AlertForwarder(MessageReader reader, AlertMapper mapper, AlertmanagerClient alertmanagerClient,
			AlertMetrics metrics, Clock clock) {
		this.reader = reader;
		this.mapper = mapper;
		this.alertmanager = alertmanagerClient;
		this.metrics = metrics;
		this.clock = clock;
	}

	@RabbitListener(id = "alertForwarder", queues = "#{@alertForwarderQueue.name}",
			containerFactory = "alertListenerContainerFactory", autoStartup = "#{@alertmanagerClient.enabled()}")
	void onEvent(Message message) {
		ConsumedMessage event = this.reader.read(message);
		ForwardedAlert alert = this.mapper.map(event, this.clock.instant());
		try {
			this.alertmanager.post(List.of(alert.alert()));
		}
		catch (AlertmanagerUnavailableException ex) {
			logger.warn("alert not forwarded alertname={} eventId={}: {}", alert.name().label(),
					LogValues.escape(event.id()), LogValues.escape(ex.getMessage()));
			throw ex;
		}
		this.metrics.forwarded(alert);
		logger.info("alert {} alertname={} tenant={} model={} metric={} segment={} eventId={}", alert.action().label(),
				alert.name().label(), LogValues.escape(alert.alert().labels().get("tenant")),
				LogValues.escape(alert.alert().labels().get("model")),
				LogValues.escape(alert.alert().labels().get("metric")),
				LogValues.escape(alert.alert().labels().get("segment")), LogValues.escape(event.id()));
	}

}
