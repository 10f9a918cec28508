package io.modelmonitoring.eventconsumers.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.modelmonitoring.eventconsumers.messaging.ConsumedMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a consumed message into its audit line: {@code {"audit": {messageId, type,
 * routingKey, exchange, receivedAt, partitionedBy}, "message": <the message as
 * received>}}, and picks its day partition: the UTC day of the message's own timestamp,
 * else of the receive time.
 */
final class AuditRecords {

	private final JsonMapper jsonMapper;

	AuditRecords(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	AuditRecord of(ConsumedMessage message) {
		boolean ownTimestamp = message.timestamp() != null;
		Instant dayOf = ownTimestamp ? message.timestamp() : message.receivedAt();
		LocalDate day = LocalDate.ofInstant(dayOf, ZoneOffset.UTC);
		// Without a timestamp of its own, a redelivery after midnight would pick the
		// next day: the day before is looked at too.
		List<LocalDate> earlierDays = ownTimestamp ? List.of() : List.of(day.minusDays(1));
		Map<String, Object> audit = new LinkedHashMap<>();
		audit.put("messageId", message.id());
		audit.put("type", message.type());
		audit.put("routingKey", message.routingKey());
		audit.put("exchange", message.exchange());
		audit.put("receivedAt", message.receivedAt().toString());
		audit.put("partitionedBy", ownTimestamp ? "timestamp" : "receivedAt");
		String line = "{\"audit\":" + this.jsonMapper.writeValueAsString(audit) + ",\"message\":" + message.json()
				+ "}\n";
		return new AuditRecord(message.id(), AuditLayout.name(message.id()), day, earlierDays,
				line.getBytes(StandardCharsets.UTF_8));
	}

}
