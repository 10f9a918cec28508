package io.modelmonitoring.eventconsumers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class EventConsumersApplication {

	public static void main(String[] args) {
		SpringApplication.run(EventConsumersApplication.class, args);
	}

}
