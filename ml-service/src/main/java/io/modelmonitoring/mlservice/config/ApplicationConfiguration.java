package io.modelmonitoring.mlservice.config;

import java.time.Clock;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduling runs the outbox relay and the renewal of run leases.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ApplicationConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Text fields take JSON strings only: by default Jackson would quietly turn
	 * {@code "tenantIds": [1, true]} into the strings "1" and "true".
	 */
	@Bean
	JsonMapperBuilderCustomizer strictTextFields() {
		return (builder) -> builder.withCoercionConfig(LogicalType.Textual, (config) -> {
			config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
			config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
			config.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
		});
	}

}
