package io.modelmonitoring.eventconsumers.alerting;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.modelmonitoring.eventconsumers.messaging.ParkReason;
import io.modelmonitoring.eventconsumers.messaging.RejectedMessageException;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Posts alerts to Alertmanager's API v2 ({@code POST /api/v2/alerts}). A 2xx answer means
 * Alertmanager holds them; grouping, deduplication, silences and routing are its own.
 */
class AlertmanagerClient {

	static final String ALERTS_PATH = "/api/v2/alerts";

	/** How much of a refusal's body goes into the reason. */
	static final int MAX_REASON_BODY = 300;

	private final RestClient rest;

	private final String url;

	private final AlertMetrics metrics;

	/**
	 * @param rest a client with Alertmanager's base URL and the configured timeouts, or
	 * null when the forwarder is off
	 */
	AlertmanagerClient(RestClient rest, String url, AlertMetrics metrics) {
		this.rest = rest;
		this.url = url;
		this.metrics = metrics;
	}

	/**
	 * Whether an Alertmanager is configured; when not, the forwarder does not consume.
	 */
	public boolean enabled() {
		return this.rest != null;
	}

	String url() {
		return this.url;
	}

	/**
	 * @throws AlertmanagerUnavailableException when it cannot be reached or answers 5xx
	 * or 429, to be tried again
	 * @throws RejectedMessageException ({@link ParkReason#REFUSED}) for any other 4xx:
	 * the alert is not valid for it, and trying again will not change that
	 */
	void post(List<PostableAlert> alerts) {
		if (this.rest == null) {
			throw new IllegalStateException("alerting.alertmanager_url is not set");
		}
		try {
			this.rest.post()
				.uri(ALERTS_PATH)
				.contentType(MediaType.APPLICATION_JSON)
				.body(alerts)
				.retrieve()
				.toBodilessEntity();
		}
		catch (ResourceAccessException ex) {
			this.metrics.requestFailed("unreachable");
			// The JDK's ConnectException has no message of its own: its class says it.
			Throwable cause = ex.getMostSpecificCause();
			String why = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
			throw new AlertmanagerUnavailableException(
					"Alertmanager at " + this.url + " cannot be reached (" + why + ")", ex);
		}
		catch (RestClientResponseException ex) {
			HttpStatusCode status = ex.getStatusCode();
			String answer = "Alertmanager at " + this.url + " answered " + status.value() + ": " + body(ex);
			if (status.is5xxServerError() || status.value() == 429) {
				this.metrics.requestFailed("server_error");
				throw new AlertmanagerUnavailableException(answer, ex);
			}
			this.metrics.requestFailed("refused");
			throw new RejectedMessageException(ParkReason.REFUSED, answer);
		}
	}

	private static String body(RestClientResponseException ex) {
		String body = new String(ex.getResponseBodyAsByteArray(), StandardCharsets.UTF_8).strip();
		if (body.isEmpty()) {
			return ex.getStatusText();
		}
		return (body.length() > MAX_REASON_BODY) ? body.substring(0, MAX_REASON_BODY) + "…" : body;
	}

}
