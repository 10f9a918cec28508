package io.modelmonitoring.eventconsumers.alerting;

/**
 * Alertmanager did not take a post for a reason a later try may not have: no connection,
 * a timeout, a 5xx or 429 answer. Tried again, then the event is parked.
 */
class AlertmanagerUnavailableException extends RuntimeException {

	AlertmanagerUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
