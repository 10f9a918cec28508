package io.modelmonitoring.eventconsumers.alerting;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One alert as Alertmanager's API v2 takes it ({@code postableAlert} of its OpenAPI
 * spec): what it deduplicates on is the label set; annotations are the latest posted.
 *
 * @param startsAt RFC 3339; null lets Alertmanager take its own
 * @param endsAt RFC 3339: when the alert resolves unless posted again
 * @param generatorURL a link back to what raised it, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PostableAlert(Map<String, String> labels, Map<String, String> annotations, String startsAt, String endsAt,
		String generatorURL) {

}
