package io.modelmonitoring.eventconsumers.audit;

import io.modelmonitoring.contracts.MessagingNames;
import io.modelmonitoring.eventconsumers.messaging.ConsumerRetry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Where the audit trail is written ({@code audit_log.*}): Azure Blob Storage (a
 * connection string), a local directory with the same layout, or neither, and then the
 * audit consumer is off. Setting both is an error.
 *
 * @param connectionString an Azure Storage connection string; blank: no Azure trail
 * @param container the blob container of the trail; created when missing
 * @param prefix the folder of the trail inside the container (or inside
 * {@code localPath}); leading and trailing slashes do not matter, empty means the root
 * @param localPath a directory that plays the container; blank: no local trail
 * @param queue the durable queue consumed, bound to the exchange for {@code ml.model.#}
 * and {@code workflow.job.#}
 * @param errorQueue where a message that cannot be written is parked
 * @param retry how often a failed write is tried before the message is parked
 */
@Validated
@ConfigurationProperties("audit-log")
public record AuditLogProperties(String connectionString, @DefaultValue("ml-audit") @NotBlank @Pattern(
		regexp = CONTAINER_NAME,
		message = "must be an Azure container name: 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit") String container,
		@DefaultValue("/ml_audit_log") @NotNull @Pattern(regexp = PREFIX,
				message = "must be a folder path such as /ml_audit_log: no empty, '.' or '..' segments, no backslashes") String prefix,
		String localPath, @DefaultValue(MessagingNames.ML_AUDIT_LOG_QUEUE) @NotBlank String queue,
		@DefaultValue(MessagingNames.ML_AUDIT_LOG_ERROR_QUEUE) @NotBlank String errorQueue,
		@DefaultValue @Valid @NestedConfigurationProperty ConsumerRetry retry) {

	static final String CONTAINER_NAME = "^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$";

	static final String PREFIX = "^/?((?!\\.{1,2}(/|$))[^/\\\\]+(/(?!\\.{1,2}(/|$))[^/\\\\]+)*)?/?$";

	boolean hasConnectionString() {
		return StringUtils.hasText(this.connectionString);
	}

	boolean hasLocalPath() {
		return StringUtils.hasText(this.localPath);
	}

	/** The prefix without leading or trailing slash, e.g. {@code ml_audit_log}. */
	String normalizedPrefix() {
		String trimmed = this.prefix.strip();
		int start = trimmed.startsWith("/") ? 1 : 0;
		int end = (trimmed.length() > start && trimmed.endsWith("/")) ? trimmed.length() - 1 : trimmed.length();
		return trimmed.substring(start, end);
	}

	@Override
	public String toString() {
		// The connection string holds the account key: never in logs.
		return "AuditLogProperties[connectionString=" + (hasConnectionString() ? "(set)" : "(empty)") + ", container="
				+ this.container + ", prefix=" + this.prefix + ", localPath=" + this.localPath + ", queue=" + this.queue
				+ ", errorQueue=" + this.errorQueue + ", retry=" + this.retry + "]";
	}

}
