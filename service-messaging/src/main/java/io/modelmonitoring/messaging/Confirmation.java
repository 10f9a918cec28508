package io.modelmonitoring.messaging;

import java.time.Duration;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.ReturnedMessage;

/**
 * How a publish ended: confirmed by the broker, or why not.
 *
 * @param outcome what happened
 * @param failure why the message does not count as sent, for a log line or a stored
 * error, e.g. "RabbitMQ did not confirm it within PT10S"; null when confirmed
 * @param cause the exception behind the failure, when there is one
 */
public record Confirmation(Outcome outcome, String failure, Throwable cause) {

	static final Confirmation CONFIRMED = new Confirmation(Outcome.CONFIRMED, null, null);

	public boolean confirmed() {
		return this.outcome == Outcome.CONFIRMED;
	}

	/** Not sent at all: no connection, a closed channel. */
	public static Confirmation notSent(AmqpException ex) {
		return new Confirmation(Outcome.NOT_SENT, "cannot publish to RabbitMQ (" + ex.getMessage() + ")", ex);
	}

	static Confirmation refused(String reason) {
		return new Confirmation(Outcome.REFUSED, "RabbitMQ refused it (" + reason + ")", null);
	}

	static Confirmation returned(ReturnedMessage returned) {
		return new Confirmation(Outcome.RETURNED, "RabbitMQ returned it as unroutable (" + returned.getReplyText()
				+ ") from exchange " + returned.getExchange() + " with key " + returned.getRoutingKey(), null);
	}

	static Confirmation noConfirm(Duration timeout) {
		return new Confirmation(Outcome.NO_CONFIRM, "RabbitMQ did not confirm it within " + timeout, null);
	}

	static Confirmation failed(Throwable cause) {
		return new Confirmation(Outcome.FAILED, "waiting for RabbitMQ's confirm failed (" + cause + ")", cause);
	}

	static Confirmation interrupted(InterruptedException ex) {
		return new Confirmation(Outcome.INTERRUPTED, "interrupted while waiting for RabbitMQ's confirm", ex);
	}

	public enum Outcome {

		/** The broker has it. */
		CONFIRMED,

		/** It never left: no connection, a closed channel. */
		NOT_SENT,

		/** The broker said no (a nack). */
		REFUSED,

		/** Mandatory, and no queue is bound for it: the broker gave it back. */
		RETURNED,

		/** No confirm within the timeout: the broker may or may not have it. */
		NO_CONFIRM,

		/** Waiting for the confirm failed: the connection closed, for one. */
		FAILED,

		/** The waiting thread was interrupted; its interrupt flag is set again. */
		INTERRUPTED

	}

}
