package io.modelmonitoring.eventconsumers.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MessageReaderTests {

	static final Instant NOW = Instant.parse("2026-11-22T06:05:00Z");

	final MessageReader reader = new MessageReader(JsonMapper.builder().build(),
			new MessagingProperties("coder_events", java.time.Duration.ofSeconds(10), DataSize.ofBytes(200)),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void readsTheEnvelopeAndKeepsTheBodyAsItCameOnOneLine() {
		String body = "{\"id\": \"e-1\",\n \"type\": \"ml.model.drift.detected\",\r\n \"timestamp\": \"2026-11-22T06:01:02Z\",\n \"data\": {\"delta\": 1e-4, \"s\": \"a\\nb\"}}";

		ConsumedMessage message = this.reader.read(message(body, "amqp-1", "ml.model.drift.detected"));

		assertThat(message.id()).isEqualTo("e-1");
		assertThat(message.type()).isEqualTo("ml.model.drift.detected");
		assertThat(message.routingKey()).isEqualTo("ml.model.drift.detected");
		assertThat(message.timestamp()).isEqualTo("2026-11-22T06:01:02Z");
		assertThat(message.receivedAt()).isEqualTo(NOW);
		// Numbers and escapes as written; only the line breaks between tokens are spaces.
		assertThat(message.json()).isEqualTo(
				"{\"id\": \"e-1\",  \"type\": \"ml.model.drift.detected\",   \"timestamp\": \"2026-11-22T06:01:02Z\",  \"data\": {\"delta\": 1e-4, \"s\": \"a\\nb\"}}");
		assertThat(message.text("/data/s")).isEqualTo("a\nb");
	}

	@Test
	void aBodyWithoutIdTakesTheAmqpMessageIdAndTheAmqpTimestamp() {
		Message message = message("{\"job\": \"model-monitoring\", \"metadata\": {}}", "amqp-2",
				"workflow.job.trigger");
		message.getMessageProperties().setTimestamp(Date.from(Instant.parse("2026-11-21T23:59:59Z")));
		message.getMessageProperties().setType(null);

		ConsumedMessage consumed = this.reader.read(message);

		assertThat(consumed.id()).isEqualTo("amqp-2");
		assertThat(consumed.type()).isEqualTo("workflow.job.trigger");
		assertThat(consumed.timestamp()).isEqualTo("2026-11-21T23:59:59Z");
	}

	@Test
	void aMalformedTimestampIsNoTimestamp() {
		ConsumedMessage consumed = this.reader
			.read(message("{\"id\": \"e-3\", \"timestamp\": \"last Sunday\"}", null, "ml.model.drift.detected"));

		assertThat(consumed.timestamp()).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					empty                    | ''                                         | amqp-1 | NOT_JSON  | empty message body
					blank                    | '   '                                      | amqp-1 | NOT_JSON  | empty message body
					not JSON                 | job=model-monitoring                       | amqp-1 | NOT_JSON  | message body is not JSON
					JSON then more           | '{"id": "a"} {"id": "b"}'                  | amqp-1 | NOT_JSON  | message body is not JSON
					an array                 | '[{"id": "a"}]'                            | amqp-1 | NOT_JSON  | message body is not a JSON object
					a string                 | '"id"'                                     | amqp-1 | NOT_JSON  | message body is not a JSON object
					no id anywhere           | '{"type": "x"}'                            |        | NO_ID     | the message has no id
					a blank id, no AMQP id   | '{"id": " "}'                              |        | NO_ID     | the message has no id
					""")
	void aBadMessageIsRejectedWithItsReason(String name, String body, String messageId, ParkReason reason,
			String detail) {
		assertThatExceptionOfType(RejectedMessageException.class)
			.isThrownBy(() -> this.reader.read(message(body, messageId, "ml.model.drift.detected")))
			.satisfies((rejected) -> assertThat(rejected.reason()).isEqualTo(reason))
			.withMessageStartingWith(detail);
	}

	@Test
	void aBodyOverTheSizeBoundIsRejectedUnread() {
		String body = "{\"id\": \"a\", \"pad\": \"" + "x".repeat(200) + "\"}";

		assertThatExceptionOfType(RejectedMessageException.class)
			.isThrownBy(() -> this.reader.read(message(body, "amqp-1", "ml.model.drift.detected")))
			.satisfies((rejected) -> assertThat(rejected.reason()).isEqualTo(ParkReason.TOO_LARGE))
			.withMessage("message body of 222 bytes is larger than messaging.max_message_size (200 bytes)");
	}

	static Message message(String body, String messageId, String routingKey) {
		MessageProperties properties = new MessageProperties();
		properties.setMessageId(messageId);
		properties.setReceivedRoutingKey(routingKey);
		properties.setType(routingKey);
		return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
	}

}
