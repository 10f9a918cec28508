package io.modelmonitoring.eventconsumers.alerting;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertingConfigurationTests {

	@Test
	void aUserAndPasswordInAlertmanagersUrlNeverShow() {
		assertThat(AlertingConfiguration.shown("https://forwarder:s3cret@alerts.example.com/am"))
			.isEqualTo("https://alerts.example.com/am");
		assertThat(AlertingConfiguration.shown("http://alertmanager:9093")).isEqualTo("http://alertmanager:9093");
	}

}
