package io.modelmonitoring.eventconsumers.messaging;

import io.modelmonitoring.contracts.MessagingNames;

/**
 * Why a consumer parked a message, in the {@link MessagingNames#PARK_REASON_HEADER}
 * header and the {@code reason} label of {@code ml_consumer_messages_parked_total}: a
 * fixed set, so that no message content becomes a series.
 */
public enum ParkReason {

	/** Neither the body's {@code id} nor the AMQP message id is set. */
	NO_ID("no-id"),

	/** The body is empty, not JSON, or not a JSON object. */
	NOT_JSON("not-json"),

	/** The body is larger than {@code messaging.max_message_size}. */
	TOO_LARGE("too-large"),

	/** JSON, but not a message this consumer can act on (an alert with no tenant). */
	INVALID("invalid"),

	/** The destination refused it for good (Alertmanager answered 4xx). */
	REFUSED("refused"),

	/** Every try failed (the destination could not be reached). */
	RETRIES_EXHAUSTED("retries-exhausted");

	private final String label;

	ParkReason(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
