package io.modelmonitoring.riskanalytics.worker;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.modelmonitoring.contracts.JobTrigger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a trigger from the raw body of a message, so that bad JSON is a reason to report
 * rather than an exception in the listener container. Accepts the full trigger of SPEC §3
 * and the minimal hand-written {@code {"job": "model-monitoring", "metadata": {}}}.
 *
 * <p>
 * Checked strictly, because the worker acts on them: {@code id} (a non-blank string when
 * present), {@code job} (a non-blank string), {@code metadata} (an object when present)
 * and {@code metadata.tenantIds} (absent, null or a list of non-blank strings). The other
 * fields are informational and taken when well-formed, ignored otherwise; unknown fields
 * are ignored.
 */
class TriggerParser {

	private final JsonMapper jsonMapper;

	TriggerParser(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * @param body the message body
	 * @param fallbackId the trigger id when the body has none: the AMQP message id, or a
	 * generated one
	 * @throws InvalidTriggerException naming what is wrong
	 */
	JobTrigger parse(byte[] body, String fallbackId) {
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
			id = idNode.stringValue();
		}
		JsonNode jobNode = root.get("job");
		if (jobNode == null || jobNode.isNull()) {
			throw new InvalidTriggerException("no job: the message names no job to run", id, null);
		}
		if (!jobNode.isString() || jobNode.stringValue().isBlank()) {
			throw new InvalidTriggerException("job must be a non-blank string", id, null);
		}
		String job = jobNode.stringValue();
		List<String> tenantIds = tenantIds(root.get("metadata"), id, job);
		return new JobTrigger(id, optionalString(root, "type"), optionalInstant(root, "timestamp"),
				optionalString(root, "source"), job, new JobTrigger.Metadata(tenantIds),
				optionalString(root, "triggeredBy"));
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
		List<String> result = new ArrayList<>(tenantIds.size());
		for (int i = 0; i < tenantIds.size(); i++) {
			JsonNode tenantId = tenantIds.get(i);
			if (!tenantId.isString() || tenantId.stringValue().isBlank()) {
				throw new InvalidTriggerException(
						"metadata.tenantIds[" + i + "] must be a non-blank string, not " + tenantId, id, job);
			}
			result.add(tenantId.stringValue());
		}
		return List.copyOf(result);
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
