package io.modelmonitoring.eventconsumers.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Reads what the consumers share from a raw message, so that a bad one is a reason to
 * park it rather than an error in the listener container: the body must be at most
 * {@code messaging.max_message_size}, one JSON object (nothing after it), with an id (the
 * body's {@code id}, or the AMQP message id). Everything else is read leniently: a
 * missing or malformed {@code timestamp} is no timestamp.
 */
@Component
public class MessageReader {

	private final ObjectReader reader;

	private final MessagingProperties messaging;

	private final Clock clock;

	public MessageReader(JsonMapper jsonMapper, MessagingProperties messaging, Clock clock) {
		this.reader = jsonMapper.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		this.messaging = messaging;
		this.clock = clock;
	}

	/**
	 * @throws RejectedMessageException naming what is wrong
	 */
	public ConsumedMessage read(Message message) {
		Instant receivedAt = this.clock.instant();
		MessageProperties properties = message.getMessageProperties();
		byte[] body = (message.getBody() != null) ? message.getBody() : new byte[0];
		long limit = this.messaging.maxMessageSize().toBytes();
		if (body.length > limit) {
			throw new RejectedMessageException(ParkReason.TOO_LARGE, "message body of " + body.length
					+ " bytes is larger than messaging.max_message_size (" + limit + " bytes)");
		}
		String text = new String(body, StandardCharsets.UTF_8).strip();
		if (text.isEmpty()) {
			throw new RejectedMessageException(ParkReason.NOT_JSON, "empty message body");
		}
		JsonNode root;
		try {
			root = this.reader.readValue(text);
		}
		catch (JacksonException ex) {
			throw new RejectedMessageException(ParkReason.NOT_JSON,
					"message body is not JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw new RejectedMessageException(ParkReason.NOT_JSON, "message body is not a JSON object");
		}
		String id = text(root, "id");
		if (id == null) {
			id = StringUtils.hasText(properties.getMessageId()) ? properties.getMessageId() : null;
		}
		if (id == null) {
			throw new RejectedMessageException(ParkReason.NO_ID,
					"the message has no id: neither the body's id nor the AMQP message_id is set");
		}
		String routingKey = (properties.getReceivedRoutingKey() != null) ? properties.getReceivedRoutingKey() : "";
		String type = text(root, "type");
		if (type == null) {
			type = StringUtils.hasText(properties.getType()) ? properties.getType() : routingKey;
		}
		String exchange = (properties.getReceivedExchange() != null) ? properties.getReceivedExchange() : "";
		return new ConsumedMessage(id, type, routingKey, exchange, Boolean.TRUE.equals(properties.getRedelivered()),
				receivedAt, timestamp(root, properties.getTimestamp()), root, oneLine(text));
	}

	private static String text(JsonNode root, String field) {
		JsonNode node = root.get(field);
		return (node != null && node.isString() && !node.stringValue().isBlank()) ? node.stringValue() : null;
	}

	private static Instant timestamp(JsonNode root, Date amqpTimestamp) {
		String text = text(root, "timestamp");
		if (text != null) {
			try {
				return Instant.parse(text);
			}
			catch (DateTimeParseException ex) {
				// not a timestamp: the AMQP one, or none
			}
		}
		return (amqpTimestamp != null) ? amqpTimestamp.toInstant() : null;
	}

	/**
	 * Valid JSON has line breaks only between tokens (inside a string they must be
	 * escaped), so turning them into spaces keeps every token as it came.
	 */
	static String oneLine(String json) {
		return json.replace('\r', ' ').replace('\n', ' ');
	}

}
