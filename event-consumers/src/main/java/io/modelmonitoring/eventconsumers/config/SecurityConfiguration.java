package io.modelmonitoring.eventconsumers.config;

import io.modelmonitoring.security.ProtectedApi;
import io.modelmonitoring.security.ServiceSecurityConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The consumers serve no API of their own, only health and Prometheus, which the shared
 * module leaves open; every other path needs a token for this service's audience
 * (docs/security.md). The pattern and scope below guard what an API of this service would
 * be, should one come (replaying parked messages, say).
 */
@Configuration(proxyBeanMethods = false)
@Import(ServiceSecurityConfiguration.class)
class SecurityConfiguration {

	static final String SCOPE = "event-consumers:admin";

	@Bean
	ProtectedApi protectedApi() {
		return new ProtectedApi("/api/v1/event-consumers/**", SCOPE);
	}

}
