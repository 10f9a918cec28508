package io.modelmonitoring.orchestrator.config;

import java.time.Clock;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ApplicationConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Request bodies are read strictly: text fields take JSON strings only (by default
	 * Jackson would quietly turn {@code "tenantIds": [1, true]} into "1" and "true"), and
	 * an unknown field is an error, so that a misspelt {@code "tenantId"} is refused
	 * rather than read as "every tenant".
	 */
	@Bean
	JsonMapperBuilderCustomizer strictRequestBodies() {
		return (builder) -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.withCoercionConfig(LogicalType.Textual, (config) -> {
				config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
				config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
				config.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
			});
	}

}
