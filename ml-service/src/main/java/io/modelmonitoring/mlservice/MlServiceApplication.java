package io.modelmonitoring.mlservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MlServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(MlServiceApplication.class, args);
	}

}
