package io.modelmonitoring.eventconsumers.audit;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.azure.core.util.HttpClientOptions;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.modelmonitoring.contracts.MessagingNames;
import io.modelmonitoring.eventconsumers.messaging.ConsumerMetrics;
import io.modelmonitoring.eventconsumers.messaging.ListenerContainers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AbstractDeclarable;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link AuditTrail}, chosen by {@code audit_log.*}: Azure when
 * {@code connection_string} is set, a local directory when {@code local_path} is, none
 * when neither is; and the audit queue, its bindings and its error queue, declared only
 * when there is a trail. Both set, a missing directory or a malformed connection string
 * fail start-up naming the key.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

	static final String CONSUMER = "audit_log";

	/** Tries per request, the first included, inside each of the consumer's tries. */
	static final int MAX_TRIES = 3;

	static final Duration TRY_TIMEOUT = Duration.ofSeconds(30);

	static final Duration RETRY_DELAY = Duration.ofMillis(500);

	static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(4);

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

	static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(1);

	@Bean
	AuditTrail auditTrail(AuditLogProperties properties, ConsumerMetrics metrics) {
		AuditTrail trail = create(properties);
		if (trail.enabled()) {
			log.info("audit trail: {}; consuming queue {}", trail.describe(), properties.queue());
		}
		else {
			log.info("audit trail {}; queue {} is not consumed", trail.describe(), properties.queue());
		}
		metrics.enabled(CONSUMER, trail.enabled());
		return trail;
	}

	@Bean
	AuditRecords auditRecords(JsonMapper jsonMapper) {
		return new AuditRecords(jsonMapper);
	}

	@Bean
	Queue auditLogQueue(AuditLogProperties properties, AuditTrail auditTrail) {
		Queue queue = QueueBuilder.durable(properties.queue()).build();
		queue.setShouldDeclare(auditTrail.enabled());
		return queue;
	}

	@Bean
	Declarables auditLogBindings(Queue auditLogQueue, TopicExchange eventsExchange, AuditLogProperties properties,
			AuditTrail auditTrail) {
		Binding events = BindingBuilder.bind(auditLogQueue).to(eventsExchange).with(MessagingNames.ML_EVENTS_PATTERN);
		Binding jobs = BindingBuilder.bind(auditLogQueue)
			.to(eventsExchange)
			.with(MessagingNames.WORKFLOW_JOB_EVENTS_PATTERN);
		Queue errors = QueueBuilder.durable(properties.errorQueue()).build();
		for (AbstractDeclarable declarable : List.of(events, jobs, errors)) {
			declarable.setShouldDeclare(auditTrail.enabled());
		}
		return new Declarables(events, jobs, errors);
	}

	@Bean
	SimpleRabbitListenerContainerFactory auditListenerContainerFactory(ListenerContainers containers,
			AuditLogProperties properties) {
		return containers.factory(properties.queue(), properties.errorQueue(), properties.retry());
	}

	/**
	 * {@code auditLog} in {@code /actuator/health}: always up, saying where the trail is.
	 */
	@Bean
	HealthIndicator auditLogHealthIndicator(AuditTrail auditTrail, AuditLogProperties properties) {
		Health health = Health.up()
			.withDetail("enabled", auditTrail.enabled())
			.withDetail("trail", auditTrail.describe())
			.withDetail("queue", properties.queue())
			.build();
		return () -> health;
	}

	static AuditTrail create(AuditLogProperties properties) {
		if (properties.hasConnectionString() && properties.hasLocalPath()) {
			throw new InvalidConfigurationPropertyValueException("audit-log.local-path", properties.localPath(),
					"audit_log.connection_string is set as well; set only one of audit_log.connection_string "
							+ "(AUDIT_LOG_CONNECTION_STRING, Azure) and audit_log.local_path "
							+ "(AUDIT_LOG_LOCAL_PATH, a local directory)");
		}
		AuditLayout layout = new AuditLayout(properties.normalizedPrefix());
		if (properties.hasConnectionString()) {
			return new AzureBlobAuditTrail(container(properties), layout, REQUEST_TIMEOUT);
		}
		if (properties.hasLocalPath()) {
			return new LocalDirectoryAuditTrail(localRoot(properties), layout);
		}
		return AuditTrail.OFF;
	}

	private static Path localRoot(AuditLogProperties properties) {
		Path root;
		try {
			root = Path.of(properties.localPath().strip()).toAbsolutePath().normalize();
		}
		catch (InvalidPathException ex) {
			throw new InvalidConfigurationPropertyValueException("audit-log.local-path", properties.localPath(),
					"audit_log.local_path is not a valid path: " + ex.getMessage());
		}
		if (!Files.isDirectory(root)) {
			throw new InvalidConfigurationPropertyValueException("audit-log.local-path", properties.localPath(),
					"audit_log.local_path must be an existing directory (it plays the container: the trail goes "
							+ "under <local_path>" + properties.prefix() + "/year=YYYY/month=MM/day=DD/), but " + root
							+ " is not one");
		}
		return root;
	}

	private static BlobContainerClient container(AuditLogProperties properties) {
		try {
			return new BlobServiceClientBuilder().connectionString(properties.connectionString().strip())
				.retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, MAX_TRIES, TRY_TIMEOUT, RETRY_DELAY,
						MAX_RETRY_DELAY, null))
				.clientOptions(new HttpClientOptions().setConnectTimeout(CONNECT_TIMEOUT)
					.setReadTimeout(READ_TIMEOUT)
					.setResponseTimeout(READ_TIMEOUT))
				.buildClient()
				.getBlobContainerClient(properties.container());
		}
		catch (RuntimeException ex) {
			// The value holds the account key: it is never shown.
			throw new InvalidConfigurationPropertyValueException("audit-log.connection-string", "(hidden)",
					"audit_log.connection_string is not a usable Azure Storage connection string (expected "
							+ "'DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net' "
							+ "or one with BlobEndpoint=…): " + ex.getMessage());
		}
	}

}
