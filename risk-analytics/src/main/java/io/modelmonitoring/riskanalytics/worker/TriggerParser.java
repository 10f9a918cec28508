package io.modelmonitoring.riskanalytics.worker;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.modelmonitoring.contracts.JobTrigger;
import io.modelmonitoring.contracts.LogValues;
import io.modelmonitoring.contracts.TenantIdRule;
import io.modelmonitoring.contracts.TriggerRule;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;

/**
 * Reads a trigger from the raw body of a message, so that bad JSON is a reason to report
 * rather than an exception in the listener container. Accepts the full trigger of SPEC §3
 * and the minimal hand-written {@code {"job": "model-monitoring", "metadata": {}}}.
 *
 * <p>
 * Checked strictly, because the worker acts on them: the body's size (at most
 * {@code batch_jobs.worker.max_message_size}, before anything parses it), {@code id} (a
 * non-blank string when present), {@code job} (a non-blank string), {@code metadata} (an
 * object when present) and {@code metadata.tenantIds} (absent, null or a list of at most
 * 1,000 tenant ids by {@link TenantIdRule}); {@code id}, {@code job} and
 * {@code triggeredBy} within {@link TriggerRule}'s bounds and free of the characters that
 * could forge a log line. Otherwise {@code triggeredBy} is informational: a value that is
 * not a string is ignored, as are malformed {@code type}, {@code timestamp} and
 * {@code source}; unknown fields are ignored. A reason that quotes a value quotes it
 * escaped and cut short ({@link LogValues}), so that no reason is larger than the bounds.
 */
class TriggerParser {

	/** How much of a refused value a reason quotes. */
	static final int QUOTED_LENGTH = 64;

	private static final Pattern TENANT_ID = Pattern.compile(TenantIdRule.PATTERN);

	private final JsonMapper jsonMapper;

	private final DataSize maxMessageSize;

	TriggerParser(JsonMapper jsonMapper, DataSize maxMessageSize) {
		this.jsonMapper = jsonMapper;
		this.maxMessageSize = maxMessageSize;
	}

	/**
	 * Why the text cannot be a trigger id, or null when it can: as {@code id}, or as the
	 * AMQP message id a trigger without one takes its id from.
	 */
	static String idProblem(String id) {
		if (id == null || id.isBlank()) {
			return "must be a non-blank string";
		}
		return textProblem(id, TriggerRule.MAX_ID_LENGTH);
	}

	/**
	 * @param body the message body
	 * @param fallbackId the trigger id when the body has none: the AMQP message id, or a
	 * generated one
	 * @throws InvalidTriggerException naming what is wrong
	 */
	JobTrigger parse(byte[] body, String fallbackId) {
		if (body != null && body.length > this.maxMessageSize.toBytes()) {
			throw new InvalidTriggerException("message body of " + body.length + " bytes is over "
					+ WorkerProperties.MAX_MESSAGE_SIZE_KEY + " (" + this.maxMessageSize.toBytes() + " bytes)",
					fallbackId, null);
		}
		if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
			throw new InvalidTriggerException("empty message body", fallbackId, null);
		}
		JsonNode root;
		try {
			root = this.jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidTriggerException("message body is not JSON: " + ex.getOriginalMessage(), fallbackId, null);
		}
		if (root == null || !root.isObject()) {
			throw new InvalidTriggerException("message body is not a JSON object", fallbackId, null);
		}
		String id = fallbackId;
		JsonNode idNode = root.get("id");
		if (idNode != null && !idNode.isNull()) {
			if (!idNode.isString() || idNode.stringValue().isBlank()) {
				throw new InvalidTriggerException("id must be a non-blank string", fallbackId, null);
			}
			String problem = idProblem(idNode.stringValue());
			if (problem != null) {
				throw new InvalidTriggerException("id " + problem, fallbackId, null);
			}
			id = idNode.stringValue();
		}
		JsonNode jobNode = root.get("job");
		if (jobNode == null || jobNode.isNull()) {
			throw new InvalidTriggerException("no job: the message names no job to run", id, null);
		}
		if (!jobNode.isString() || jobNode.stringValue().isBlank()) {
			throw new InvalidTriggerException("job must be a non-blank string", id, null);
		}
		String jobProblem = textProblem(jobNode.stringValue(), TriggerRule.MAX_JOB_LENGTH);
		if (jobProblem != null) {
			throw new InvalidTriggerException("job " + jobProblem, id, null);
		}
		String job = jobNode.stringValue();
		List<String> tenantIds = tenantIds(root.get("metadata"), id, job);
		String triggeredBy = optionalString(root, "triggeredBy");
		if (triggeredBy != null) {
			String problem = textProblem(triggeredBy, TriggerRule.MAX_TRIGGERED_BY_LENGTH);
			if (problem != null) {
				throw new InvalidTriggerException("triggeredBy " + problem, id, job);
			}
		}
		return new JobTrigger(id, optionalString(root, "type"), optionalInstant(root, "timestamp"),
				optionalString(root, "source"), job, new JobTrigger.Metadata(tenantIds), triggeredBy);
	}

	private static List<String> tenantIds(JsonNode metadata, String id, String job) {
		if (metadata == null || metadata.isNull()) {
			return List.of();
		}
		if (!metadata.isObject()) {
			throw new InvalidTriggerException("metadata must be an object", id, job);
		}
		JsonNode tenantIds = metadata.get("tenantIds");
		if (tenantIds == null || tenantIds.isNull()) {
			return List.of();
		}
		if (!tenantIds.isArray()) {
			throw new InvalidTriggerException("metadata.tenantIds must be a list of tenant ids", id, job);
		}
		if (tenantIds.size() > TenantIdRule.MAX_PER_REQUEST) {
			throw new InvalidTriggerException(
					"metadata.tenantIds " + TenantIdRule.TOO_MANY_MESSAGE + ", not " + tenantIds.size(), id, job);
		}
		List<String> result = new ArrayList<>(tenantIds.size());
		for (int i = 0; i < tenantIds.size(); i++) {
			JsonNode tenantId = tenantIds.get(i);
			if (!tenantId.isString() || tenantId.stringValue().isBlank()) {
				throw new InvalidTriggerException("metadata.tenantIds[" + i + "] must be a non-blank string, not "
						+ LogValues.escape(tenantId.toString(), QUOTED_LENGTH), id, job);
			}
			if (!TENANT_ID.matcher(tenantId.stringValue()).matches()) {
				throw new InvalidTriggerException("metadata.tenantIds[" + i + "] " + TenantIdRule.PATTERN_MESSAGE
						+ ", not \"" + LogValues.escape(tenantId.stringValue(), QUOTED_LENGTH) + "\"", id, job);
			}
			result.add(tenantId.stringValue());
		}
		return List.copyOf(result);
	}

	/** Why the text breaks the bounds of a trigger's text field, or null. */
	private static String textProblem(String text, int maxLength) {
		if (text.length() > maxLength) {
			return "must be at most " + maxLength + " characters, not " + text.length();
		}
		if (!LogValues.isSafe(text)) {
			return TriggerRule.NO_UNSAFE_CHARACTERS_MESSAGE + ", not \"" + LogValues.escape(text, QUOTED_LENGTH) + "\"";
		}
		return null;
	}

	private static String optionalString(JsonNode root, String field) {
		JsonNode node = root.get(field);
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

	private static Instant optionalInstant(JsonNode root, String field) {
		String text = optionalString(root, field);
		if (text == null) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
