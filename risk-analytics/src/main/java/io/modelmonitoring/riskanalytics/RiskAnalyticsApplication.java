package io.modelmonitoring.riskanalytics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RiskAnalyticsApplication {

	public static void main(String[] args) {
		SpringApplication.run(RiskAnalyticsApplication.class, args);
	}

}
