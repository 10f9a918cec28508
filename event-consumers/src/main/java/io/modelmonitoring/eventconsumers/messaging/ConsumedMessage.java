package io.modelmonitoring.eventconsumers.messaging;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * A message as a consumer received it, checked by {@link MessageReader}: an id, a JSON
 * object, within the size bound.
 *
 * @param id the body's {@code id}, or the AMQP message id when the body has none
 * @param type the body's {@code type}, else the AMQP type, else the routing key
 * @param routingKey the key it was published with
 * @param exchange the exchange it was published to (empty: the default exchange)
 * @param redelivered whether the broker delivered it before
 * @param receivedAt when this consumer received it
 * @param timestamp the body's {@code timestamp}, else the AMQP timestamp, else null
 * @param root the body as a JSON tree, to read fields from; missing fields are missing
 * nodes
 * @param json the body as received, on one line: line breaks, which valid JSON holds only
 * between tokens, become spaces; nothing else changes
 */
public record ConsumedMessage(String id, String type, String routingKey, String exchange, boolean redelivered,
		Instant receivedAt, Instant timestamp, JsonNode root, String json) {

	/** A text field at a JSON pointer ({@code /data/modelId}), or null. */
	public String text(String pointer) {
		JsonNode node = this.root.at(pointer);
		return (node.isString()) ? node.stringValue() : null;
	}

}
