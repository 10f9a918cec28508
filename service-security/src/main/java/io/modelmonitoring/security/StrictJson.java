package io.modelmonitoring.security;

import tools.jackson.core.StreamReadFeature;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the services read JSON from outside. A key twice in one object is refused (400
 * naming it, by {@link ProblemExceptionHandler}), not read as its last value: otherwise
 * {@code {"tenantIds": ["a"], "tenantIds": []}} passes a check of the first and runs as
 * the second, every tenant.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

	@Bean
	JsonMapperBuilderCustomizer refuseDuplicateKeys() {
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}

}
