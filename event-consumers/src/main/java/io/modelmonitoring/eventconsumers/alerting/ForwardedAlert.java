package io.modelmonitoring.eventconsumers.alerting;

/**
 * What one event becomes: an alert to fire (or renew) or to end.
 *
 * @param name which alert
 * @param action fired or resolved
 * @param alert what is posted to Alertmanager
 */
record ForwardedAlert(AlertName name, Action action, PostableAlert alert) {

	enum Action {

		FIRED("fired"), RESOLVED("resolved");

		private final String label;

		Action(String label) {
			this.label = label;
		}

		/** The {@code action} label of {@code ml_alerts_forwarded_total}. */
		String label() {
			return this.label;
		}

	}

}
