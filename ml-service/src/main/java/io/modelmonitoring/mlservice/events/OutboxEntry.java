package io.modelmonitoring.mlservice.events;

/**
 * One event as kept in the outbox: its id (the AMQP message id), its type (the routing
 * key) and its envelope as the JSON it is published with, byte for byte on every attempt.
 */
public record OutboxEntry(String id, String runId, String type, String json) {
}
