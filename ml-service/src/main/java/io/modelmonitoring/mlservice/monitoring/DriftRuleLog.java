package io.modelmonitoring.mlservice.monitoring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Says once, at start-up, which drift rule this service applies, so that an operator
 * reading an alert can tell whether the p-value gate was on.
 */
@Component
class DriftRuleLog {

	private static final Logger log = LoggerFactory.getLogger(DriftRuleLog.class);

	DriftRuleLog(ModelMonitoringProperties properties) {
		log.info(properties.driftSettings().describe());
	}

}
